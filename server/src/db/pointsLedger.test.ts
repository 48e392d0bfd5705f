/**
 * Migration 20261204120000_points_ledger (docs/decisions/0025-points-ledger.md): the points
 * members had become one opening row each, so balances are unchanged, and the ledger
 * refuses updates and deletes.
 */
import { PGlite } from "@electric-sql/pglite";
import { findMigrationsDir, readMigrations } from "./migrations";

const POINTS_LEDGER = "20261204120000_points_ledger";

describe("the points ledger migration", () => {
  let db: PGlite;
  const migrations = readMigrations(findMigrationsDir());
  const index = migrations.findIndex((migration) => migration.name === POINTS_LEDGER);

  beforeAll(async () => {
    db = new PGlite();
    for (const migration of migrations.slice(0, index)) await db.exec(migration.sql);
    await db.exec(`
      INSERT INTO "User" ("id", "username", "displayName", "updatedAt")
        VALUES (1, 'ada', 'Ada', now()), (2, 'bo', 'Bo', now()), (3, 'cy', 'Cy', now());
      INSERT INTO "Circle" ("id", "name", "inviteCode", "updatedAt") VALUES (10, 'One', 'ONE', now()), (20, 'Two', 'TWO', now());
      INSERT INTO "Membership" ("userId", "circleId", "role", "status", "points", "updatedAt")
        VALUES (1, 10, 'admin', 'active', 12, now()), (2, 10, 'member', 'active', 0, now()),
               (3, 20, 'admin', 'active', 40, now()), (2, 20, 'member', 'pending', 0, now());`);
    for (const migration of migrations.slice(index)) await db.exec(migration.sql);
  }, 60_000);

  afterAll(() => db.close());

  it("writes one opening row per member with points, equal to their balance", async () => {
    const rows = await db.query(
      `SELECT "circleId", "userId", "actorUserId", "kind", "amount", "balance", "reason" FROM "PointsEntry" ORDER BY "id"`,
    );
    expect(rows.rows).toEqual([
      { circleId: 10, userId: 1, actorUserId: null, kind: "opening", amount: 12, balance: 12, reason: "Opening balance" },
      { circleId: 20, userId: 3, actorUserId: null, kind: "opening", amount: 40, balance: 40, reason: "Opening balance" },
    ]);
    const mismatched = await db.query(`
      SELECT m."userId" FROM "Membership" m
      WHERE m."points" <> COALESCE(
        (SELECT SUM(p."amount") FROM "PointsEntry" p WHERE p."circleId" = m."circleId" AND p."userId" = m."userId"), 0)`);
    expect(mismatched.rows).toEqual([]);
  });

  it("refuses to update or delete a row", async () => {
    await expect(db.query(`UPDATE "PointsEntry" SET "amount" = 99`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM "PointsEntry"`)).rejects.toThrow(/append-only/);
  });

  it("refuses rows that break the ledger's rules", async () => {
    const insert = (values: string) =>
      db.query(`INSERT INTO "PointsEntry"
        ("circleId", "userId", "actorUserId", "kind", "amount", "balance", "choreId", "historyId", "reason") VALUES ${values}`);
    await expect(insert(`(10, 2, 1, 'adjusted', 0, 0, NULL, NULL, 'nothing')`)).rejects.toThrow(/PointsEntry_amount_not_zero/);
    await expect(insert(`(10, 2, 1, 'adjusted', -5, -5, NULL, NULL, 'below')`)).rejects.toThrow(/PointsEntry_balance_not_negative/);
    await expect(insert(`(10, 2, NULL, 'adjusted', 5, 5, NULL, NULL, 'nobody')`)).rejects.toThrow(/PointsEntry_actor/);
    await expect(insert(`(10, 2, 1, 'adjusted', 5, 5, NULL, NULL, NULL)`)).rejects.toThrow(/PointsEntry_reason/);
    await expect(insert(`(10, 2, 1, 'earned', 5, 5, NULL, NULL, NULL)`)).rejects.toThrow(/PointsEntry_chore_cause/);
  });
});
