/**
 * Once per test run, before any test file: what every file's database starts from, so no
 * file runs initdb and every migration while it starts (seconds each, far more on a busy
 * machine). On PGlite that is the build's template (server/dist/pglite-template, as in
 * production); on PostgreSQL a database migrated once, which each file's database is
 * created from (`CREATE DATABASE … TEMPLATE …`). globalTeardown.ts drops it.
 */
import { buildPgliteTemplate } from "../buildPgliteTemplate";
import { openDatabase } from "../db/database";
import { createPostgresDatabase, PGLITE_TEMPLATE_DIR, TEMPLATE_DATABASE_ENV } from "./harness";

export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    await buildPgliteTemplate(PGLITE_TEMPLATE_DIR);
    return;
  }
  const template = await createPostgresDatabase(adminUrl, { prefix: "chorus_template" });
  const db = await openDatabase({ databaseUrl: template.url, poolSize: 1 });
  try {
    await db.migrate();
  } finally {
    // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
    await db.close();
  }
  // Test files run in workers started after this, which inherit the environment.
  process.env[TEMPLATE_DATABASE_ENV] = template.name;
}
