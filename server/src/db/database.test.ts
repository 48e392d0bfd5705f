import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDatabase } from "../test/harness";
import { openDatabase, type DatabaseOptions } from "./database";
import { findMigrationsDir, readMigrations } from "./migrations";

/** A persistent database of the kind under test: a PGlite folder, or a fresh PostgreSQL database. */
async function persistentDatabase(): Promise<{ options: DatabaseOptions; cleanup: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "chorus-db-"));
    return { options: { pgliteDir: path.join(dir, "pglite") }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const pg = await createPostgresDatabase(adminUrl);
  return { options: { databaseUrl: pg.url }, cleanup: pg.drop };
}

describe("migrations and restarts", () => {
  it("applies migrations once, records them like Prisma, and keeps data across restarts", async () => {
    const { options, cleanup } = await persistentDatabase();
    try {
      const first = await openDatabase(options);
      const migrations = readMigrations(findMigrationsDir());
      expect(await first.migrate()).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: 0 });
      await first.prisma.circle.create({ data: { name: "Kept", inviteCode: "KEEPME123456" } });
      await first.close();

      const second = await openDatabase(options);
      expect(await second.migrate()).toEqual({ applied: [], alreadyApplied: migrations.length });
      expect(await second.prisma.circle.findUnique({ where: { inviteCode: "KEEPME123456" } })).toMatchObject({ name: "Kept" });
      const recorded = await second.prisma.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
        SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" ORDER BY "migration_name"`;
      expect(recorded.map((row) => [row.migration_name, row.checksum])).toEqual(
        migrations.map((m) => [m.name, createHash("sha256").update(m.sql).digest("hex")]),
      );
      expect(recorded.every((row) => row.finished_at !== null)).toBe(true);
      await second.close();
    } finally {
      await cleanup();
    }
  });

  it("refuses to start when an applied migration was edited, and rolls back a failing one", async () => {
    const { options, cleanup } = await persistentDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "chorus-migrations-"));
    const previous = process.env.CHORUS_MIGRATIONS_DIR;
    try {
      cpSync(findMigrationsDir(), dir, { recursive: true });
      process.env.CHORUS_MIGRATIONS_DIR = dir;
      const db = await openDatabase(options);
      await db.migrate();
      const [init] = readMigrations(dir);
      writeFileSync(path.join(dir, init!.name, "migration.sql"), `${init!.sql}\n-- edited`);
      await expect(db.migrate()).rejects.toThrow(/checksum mismatch/);

      writeFileSync(path.join(dir, init!.name, "migration.sql"), init!.sql);
      cpSync(path.join(dir, init!.name), path.join(dir, "29990101000000_broken"), { recursive: true });
      writeFileSync(path.join(dir, "29990101000000_broken", "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT broken syntax here;`);
      await expect(db.migrate()).rejects.toThrow(/29990101000000_broken failed/);
      const half = await db.prisma.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('"Half"') IS NOT NULL AS "exists"`;
      expect(half[0]!.exists).toBe(false);
      await db.close();
    } finally {
      if (previous === undefined) delete process.env.CHORUS_MIGRATIONS_DIR;
      else process.env.CHORUS_MIGRATIONS_DIR = previous;
      rmSync(dir, { recursive: true, force: true });
      await cleanup();
    }
  });
});
