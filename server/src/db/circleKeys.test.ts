/**
 * Migration 20261202140000_circle_keys (docs/decisions/0019-distributing-by-circle.md):
 * rows written before it get their chore's circle, and afterwards a chore's rows cannot
 * name another circle than their chore's.
 */
import { PGlite } from "@electric-sql/pglite";
import { findMigrationsDir, readMigrations } from "./migrations";

const CIRCLE_KEYS = "20261202140000_circle_keys";

describe("circle keys on chore assignees and reminder deliveries", () => {
  let db: PGlite;
  const migrations = readMigrations(findMigrationsDir());
  const index = migrations.findIndex((migration) => migration.name === CIRCLE_KEYS);

  beforeAll(async () => {
    db = new PGlite();
    for (const migration of migrations.slice(0, index)) await db.exec(migration.sql);
    await db.exec(`
      INSERT INTO "User" ("id", "username", "displayName", "updatedAt") VALUES (1, 'ada', 'Ada', now()), (2, 'bo', 'Bo', now());
      INSERT INTO "Circle" ("id", "name", "inviteCode", "updatedAt") VALUES (10, 'One', 'ONE', now()), (20, 'Two', 'TWO', now());
      INSERT INTO "Chore" ("id", "circleId", "createdById", "name", "frequency", "updatedById", "performedAsId", "updatedAt")
        VALUES (100, 10, 1, 'Dishes', '{"type":"daily"}', 1, 1, now()), (200, 20, 2, 'Bins', '{"type":"daily"}', 2, 2, now());
      INSERT INTO "ChoreAssignee" ("choreId", "userId", "position") VALUES (100, 1, 0), (200, 2, 0), (200, 1, 1);
      INSERT INTO "ReminderDelivery" ("choreId", "userId", "dueDate", "kind", "channel", "updatedAt")
        VALUES (100, 1, now(), 'due', 'push', now()), (200, 2, now(), 'overdue', 'ntfy', now());`);
    for (const migration of migrations.slice(index)) await db.exec(migration.sql);
  }, 60_000);

  afterAll(() => db.close());

  it("backfills each row's circle from its chore", async () => {
    const assignees = await db.query(`SELECT "choreId", "userId", "circleId" FROM "ChoreAssignee" ORDER BY "choreId", "userId"`);
    expect(assignees.rows).toEqual([
      { choreId: 100, userId: 1, circleId: 10 },
      { choreId: 200, userId: 1, circleId: 20 },
      { choreId: 200, userId: 2, circleId: 20 },
    ]);
    const deliveries = await db.query(`SELECT "choreId", "circleId" FROM "ReminderDelivery" ORDER BY "choreId"`);
    expect(deliveries.rows).toEqual([
      { choreId: 100, circleId: 10 },
      { choreId: 200, circleId: 20 },
    ]);
  });

  it("refuses a chore's row that names another circle", async () => {
    await expect(
      db.query(`INSERT INTO "ChoreAssignee" ("circleId", "choreId", "userId", "position") VALUES (20, 100, 2, 1)`),
    ).rejects.toThrow(/ChoreAssignee_circleId_choreId_fkey/);
    await expect(
      db.query(
        `INSERT INTO "ChoreHistory" ("circleId", "choreId", "action", "updatedById", "performedAsId") VALUES (20, 100, 'completed', 1, 1)`,
      ),
    ).rejects.toThrow(/ChoreHistory_circleId_choreId_fkey/);
    await expect(
      db.query(
        `INSERT INTO "ReminderDelivery" ("circleId", "choreId", "userId", "dueDate", "kind", "channel", "updatedAt")
         VALUES (20, 100, 1, now(), 'due', 'webhook', now())`,
      ),
    ).rejects.toThrow(/ReminderDelivery_circleId_choreId_fkey/);
  });

  it("deletes a chore's rows with it", async () => {
    await db.exec(`DELETE FROM "Chore" WHERE "id" = 200`);
    expect((await db.query(`SELECT count(*)::int AS n FROM "ChoreAssignee" WHERE "choreId" = 200`)).rows).toEqual([{ n: 0 }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM "ReminderDelivery" WHERE "choreId" = 200`)).rows).toEqual([{ n: 0 }]);
  });
});
