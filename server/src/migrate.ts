/** `pnpm db:migrate`: applies pending migrations to the configured database and exits. */
import path from "node:path";
import { loadConfig } from "./config";
import { openDatabase } from "./db/database";

async function migrate() {
  const { config } = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, "pglite") });
  try {
    const result = await db.migrate();
    console.log(
      result.applied.length > 0
        ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
        : `Database is up to date (${result.alreadyApplied} migration(s) already applied)`,
    );
  } finally {
    await db.close();
  }
}

migrate().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
