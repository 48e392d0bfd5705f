/** Drops the PostgreSQL template database globalSetup.ts made (the PGlite template stays, as a build output). */
import { dropPostgresDatabase, TEMPLATE_DATABASE_ENV } from "./harness";

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const name = process.env[TEMPLATE_DATABASE_ENV];
  if (adminUrl && name) await dropPostgresDatabase(adminUrl, name);
}
