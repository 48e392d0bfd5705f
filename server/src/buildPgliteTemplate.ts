/**
 * Run by build.mjs after bundling: builds dist/pglite-template, the migrated PGlite data
 * directory a first start copies instead of running initdb and every migration. The
 * server's tests build the same template once per run (src/test/globalSetup.ts).
 */
import path from "node:path";
import { openDatabase } from "./db/database";
import { findMigrationsDir, readMigrations } from "./db/migrations";
import { buildTemplate } from "./db/pgliteDataDir";

/** Builds the template in `templateDir` unless it is up to date; returns whether it built one. */
export function buildPgliteTemplate(templateDir: string): Promise<boolean> {
  return buildTemplate(templateDir, readMigrations(findMigrationsDir()), async (dir) => {
    const db = await openDatabase({ pgliteDir: dir, pgliteTemplateDir: null });
    try {
      await db.migrate();
    } finally {
      await db.close();
    }
  });
}

if (require.main === module) {
  const templateDir = path.join(__dirname, "pglite-template");
  buildPgliteTemplate(templateDir).then(
    (built) => console.log(built ? `Built the PGlite template in ${templateDir}` : "PGlite template is up to date"),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
