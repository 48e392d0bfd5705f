/**
 * Run by build.mjs after bundling: builds dist/pglite-template, the migrated PGlite data
 * directory a first start copies instead of running initdb and every migration.
 */
import path from "node:path";
import { openDatabase } from "./db/database";
import { findMigrationsDir, readMigrations } from "./db/migrations";
import { buildTemplate } from "./db/pgliteDataDir";

async function main() {
  const templateDir = path.join(__dirname, "pglite-template");
  const built = await buildTemplate(templateDir, readMigrations(findMigrationsDir()), async (dir) => {
    const db = await openDatabase({ pgliteDir: dir, pgliteTemplateDir: null });
    try {
      await db.migrate();
    } finally {
      await db.close();
    }
  });
  console.log(built ? `Built the PGlite template in ${templateDir}` : "PGlite template is up to date");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
