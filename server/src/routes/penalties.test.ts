/**
 * Mandatory chores and penalties over HTTP (docs/decisions/0028-mandatory-chores-and-penalties.md):
 * a missed occurrence charges its assignee once, never below zero, shown in their history;
 * admins waive it once. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL, where
 * the parallel ticks (two connection pools, as two processes) and waivers race for real.
 */
import type { Chore, ChorusClient, CreateChoreRequest } from "@chorus/shared";
import { openDatabase, type Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import { createLogger } from "../logger";
import { createReminderScheduler } from "../reminders/scheduler";
import { applyDuePenalties, missedOccurrencesSql } from "../services/penalties";
import { expectInvalidField, makeChore } from "../test/choreFactories";
import { createHousehold, expectApiError, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, testConfig, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const logger = createLogger("silent");
const DAILY = { type: "daily" } as const;
const DUE = "2026-11-30T18:00:00.000Z";
const minutesAfterDue = (minutes: number) => new Date(Date.parse(DUE) + minutes * 60_000);
const tick = (now: Date, db: Database = server.db) => applyDuePenalties(db, logger, now);

async function mandatoryChore(h: TestCircle, overrides: Partial<CreateChoreRequest> = {}): Promise<Chore> {
  return makeChore(h.admin.client, {
    name: "Dishes",
    frequency: DAILY,
    nextDueDate: DUE,
    assignees: [h.member.user.id],
    points: 2,
    penalty: { points: 5, graceMinutes: 30 },
    ...overrides,
  });
}

const give = (h: TestCircle, points: number) => h.admin.client.circles.adjustPoints(h.member.user.id, { amount: points, reason: "Start" });
const ledgerOf = async (client: ChorusClient, userId: number) => (await client.circles.memberPoints(userId)).entries;
const penaltyRows = (choreId: number) => server.db.prisma.pointsEntry.findMany({ where: { choreId, kind: "penalty" } });

/** Members whose balance is not the sum of their ledger rows (the ledger's invariant, decision 0025). */
async function balancesMismatchingLedger(circleId: number) {
  return server.db.prisma.$queryRaw<{ userId: number }[]>`
    SELECT m."userId" FROM "Membership" m
    WHERE m."circleId" = ${circleId} AND m."points" <> COALESCE(
      (SELECT SUM(p."amount") FROM "PointsEntry" p WHERE p."circleId" = m."circleId" AND p."userId" = m."userId"), 0)`;
}

/** A client of `user`'s sign-in acting as `target` in an act session. */
async function actingAs(user: TestUser, target: { user: { id: number } }): Promise<ChorusClient> {
  await user.client.impersonation.start({ userId: target.user.id, mode: "act" });
  const client = server.client(user.token);
  client.setImpersonateUserId(target.user.id);
  return client;
}

describe("a chore's penalty", () => {
  it("is set on create, shown on the chore, changed and removed by an edit", async () => {
    const h = await createHousehold(server);
    const chore = await mandatoryChore(h);
    expect(chore.penalty).toEqual({ points: 5, graceMinutes: 30 });
    expect((await h.member.client.chores.get(chore.id)).penalty).toEqual({ points: 5, graceMinutes: 30 });
    expect((await h.admin.client.chores.update(chore.id, { penalty: { points: 1, graceMinutes: 0 } })).penalty).toEqual({
      points: 1,
      graceMinutes: 0,
    });
    expect((await h.admin.client.chores.update(chore.id, { name: "Plates" })).penalty).toEqual({ points: 1, graceMinutes: 0 });
    expect((await h.admin.client.chores.update(chore.id, { penalty: null })).penalty).toBeNull();
    expect((await makeChore(h.admin.client)).penalty).toBeNull();
  });

  it("is set and changed by admins and managers only", async () => {
    const h = await createHousehold(server);
    await expectApiError(makeChore(h.member.client, { penalty: { points: 1, graceMinutes: 0 } }), 403, "forbidden");
    const own = await makeChore(h.member.client, { penalty: null });
    await expectApiError(h.member.client.chores.update(own.id, { penalty: { points: 1, graceMinutes: 0 } }), 403, "forbidden");
    expect((await h.manager.client.chores.update(own.id, { penalty: { points: 2, graceMinutes: 60 } })).penalty).toEqual({
      points: 2,
      graceMinutes: 60,
    });
    // The creator still edits the rest, and sending the penalty unchanged is no change.
    expect((await h.member.client.chores.update(own.id, { name: "Mine", penalty: { points: 2, graceMinutes: 60 } })).name).toBe("Mine");
    await expectApiError(h.member.client.chores.update(own.id, { penalty: null }), 403, "forbidden");
  });

  it.each([
    ["no points", { points: 0, graceMinutes: 0 }, "penalty.points"],
    ["over 1000 points", { points: 1001, graceMinutes: 0 }, "penalty.points"],
    ["a fraction", { points: 1.5, graceMinutes: 0 }, "penalty.points"],
    ["a negative grace", { points: 1, graceMinutes: -1 }, "penalty.graceMinutes"],
    ["a grace over 7 days", { points: 1, graceMinutes: 10_081 }, "penalty.graceMinutes"],
    ["no grace", { points: 1 }, "penalty.graceMinutes"],
  ])("refuses %s, naming the field", async (_case, penalty, field) => {
    const h = await createHousehold(server);
    await expectInvalidField(makeChore(h.admin.client, { penalty: penalty as never }), field);
    const chore = await makeChore(h.admin.client);
    await expectInvalidField(h.admin.client.chores.update(chore.id, { penalty: penalty as never }), field);
  });
});

describe("the scheduler tick", () => {
  it("charges a missed occurrence once, after the grace period, shown in the member's history", async () => {
    const h = await createHousehold(server);
    await give(h, 8);
    const chore = await mandatoryChore(h);
    expect(await tick(minutesAfterDue(29))).toEqual([]);
    const [penaltyId] = await tick(minutesAfterDue(30));
    expect(penaltyId).toEqual(expect.any(Number));
    expect(await tick(minutesAfterDue(31))).toEqual([]);
    expect(await tick(minutesAfterDue(600))).toEqual([]);

    const page = await h.member.client.circles.memberPoints(h.member.user.id);
    expect(page.member.points).toBe(3);
    expect(page.entries[0]).toEqual({
      id: expect.any(Number),
      kind: "penalty",
      amount: -5,
      balance: 3,
      actor: null,
      viaDevice: null,
      chore: { id: chore.id, name: "Dishes" },
      reward: null,
      penalty: { id: penaltyId, dueDate: DUE, points: 5, waived: false },
      reason: null,
      createdAt: minutesAfterDue(30).toISOString(),
    });
    const [event] = await server.db.prisma.auditEvent.findMany({
      where: { action: "points.penalty_applied", entityId: String(h.member.user.id) },
    });
    expect(event).toMatchObject({
      actorUserId: null,
      subjectUserId: null,
      entityType: "user",
      outcome: "allowed",
      payload: { appliedBy: "scheduler", penaltyId, choreId: chore.id, dueDate: DUE, penalty: 5, amount: -5, points: 3 },
    });
  });

  it("finds missed occurrences through a partial index on open chores", async () => {
    const plan = await server.db.prisma.$transaction(async (tx) => {
      // Tables this small are read whole anyway; the question is whether the index can serve the scan.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${missedOccurrencesSql(new Date())}`);
    });
    // Its own, or the one the missed-occurrence scan uses (decision 0031): both range over open chores by due date.
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/Chore_penalty_due_idx|Chore_open_due_idx/);
  });

  it("runs from the reminder scheduler's tick", async () => {
    const h = await createHousehold(server);
    const chore = await mandatoryChore(h, { penalty: { points: 3, graceMinutes: 0 } });
    await createReminderScheduler({ db: server.db, config: testConfig(), logger }).runOnce(minutesAfterDue(1));
    expect(await penaltyRows(chore.id)).toHaveLength(1);
  });

  it("never takes a balance below zero: it takes what is left, and records the miss even when that is nothing", async () => {
    const h = await createHousehold(server);
    await give(h, 2);
    const first = await mandatoryChore(h, { penalty: { points: 5, graceMinutes: 0 } });
    const second = await mandatoryChore(h, {
      name: "Bins",
      penalty: { points: 4, graceMinutes: 0 },
      nextDueDate: minutesAfterDue(1).toISOString(),
    });
    await tick(minutesAfterDue(5));
    expect(await ledgerOf(h.member.client, h.member.user.id)).toMatchObject([
      { kind: "penalty", amount: 0, balance: 0, chore: { id: second.id, name: "Bins" }, penalty: { points: 4 } },
      { kind: "penalty", amount: -2, balance: 0, chore: { id: first.id }, penalty: { points: 5 } },
      { kind: "adjusted", amount: 2 },
    ]);
  });

  it("charges nothing for an occurrence done or skipped in time, nor archived, unassigned or not mandatory chores", async () => {
    const h = await createHousehold(server);
    await give(h, 20);
    const done = await mandatoryChore(h);
    const skipped = await mandatoryChore(h);
    const archived = await mandatoryChore(h);
    const unassigned = await mandatoryChore(h, { assignees: [] });
    const optional = await mandatoryChore(h, { penalty: null });
    await h.member.client.chores.do(done.id, { dueDate: DUE });
    await h.member.client.chores.skip(skipped.id, { dueDate: DUE });
    await h.admin.client.chores.update(archived.id, { archived: true });
    await tick(minutesAfterDue(60));
    for (const chore of [done, skipped, archived, unassigned, optional]) expect(await penaltyRows(chore.id)).toEqual([]);
  });

  it("keeps the penalty when the occurrence is done late, and charges the next missed occurrence again", async () => {
    const h = await createHousehold(server);
    await give(h, 20);
    const chore = await mandatoryChore(h, { penalty: { points: 5, graceMinutes: 0 } });
    await tick(minutesAfterDue(1));
    const late = await h.member.client.chores.do(chore.id, { dueDate: DUE });
    expect(await penaltyRows(chore.id)).toHaveLength(1);
    expect((await ledgerOf(h.member.client, h.member.user.id)).map(({ kind }) => kind)).toEqual(["earned", "penalty", "adjusted"]);
    // Resolving moved the schedule past now; once that occurrence is missed too, it is charged as well.
    await tick(new Date(Date.parse(late.nextDueDate!) + 60_000));
    expect((await penaltyRows(chore.id)).length).toBe(2);
  });

  it("charges the assignee of the occurrence, not someone it passes to later", async () => {
    const h = await createHousehold(server);
    const chore = await mandatoryChore(h, { assignees: [h.member.user.id, h.manager.user.id], penalty: { points: 1, graceMinutes: 0 } });
    await h.admin.client.circles.adjustPoints(h.manager.user.id, { amount: 3, reason: "Start" });
    await give(h, 3);
    await tick(minutesAfterDue(1));
    await h.admin.client.chores.update(chore.id, { assignedTo: h.manager.user.id });
    await tick(minutesAfterDue(2));
    expect(await penaltyRows(chore.id)).toMatchObject([{ userId: h.member.user.id }]);
  });

  it("charges once when ticks run in parallel, in two processes", async () => {
    const h = await createHousehold(server);
    await give(h, 50);
    const chores = await Promise.all([1, 2, 3].map(() => mandatoryChore(h, { penalty: { points: 2, graceMinutes: 0 } })));
    // A second connection pool, as a second server process has; PGlite has only the one.
    const other = server.databaseUrl ? await openDatabase({ databaseUrl: server.databaseUrl, poolSize: 5 }) : server.db;
    try {
      const now = minutesAfterDue(1);
      const applied = (await Promise.all([tick(now), tick(now, other), tick(now), tick(now, other)])).flat();
      // No penalty is applied by two ticks (other tests' chores may be charged here too).
      expect(new Set(applied).size).toBe(applied.length);
      const mine = await server.db.prisma.chorePenalty.findMany({ where: { choreId: { in: chores.map(({ id }) => id) } } });
      expect(mine).toHaveLength(3);
      expect(applied).toEqual(expect.arrayContaining(mine.map(({ id }) => id)));
    } finally {
      if (other !== server.db) await other.close();
    }
    for (const chore of chores) expect(await penaltyRows(chore.id)).toHaveLength(1);
    expect((await h.member.client.circles.memberPoints(h.member.user.id)).member.points).toBe(44);
    expect(await balancesMismatchingLedger(h.admin.user.circleId!)).toEqual([]);
  });
});

describe("waiving a penalty", () => {
  async function charged(h: TestCircle, balance = 10) {
    await give(h, balance);
    const chore = await mandatoryChore(h, { penalty: { points: 4, graceMinutes: 0 } });
    await tick(minutesAfterDue(1));
    const [entry] = await ledgerOf(h.admin.client, h.member.user.id);
    return { chore, entry: entry! };
  }

  it("gives back what the penalty took, with the admin and an optional reason, once", async () => {
    const h = await createHousehold(server);
    const { chore, entry } = await charged(h);
    const waived = await h.admin.client.circles.waivePenalty(h.member.user.id, entry.id, { reason: "  He was ill  " });
    expect(waived.points).toBe(10);
    expect(waived.entry).toMatchObject({
      kind: "waived",
      amount: 4,
      balance: 10,
      actor: { id: h.admin.user.id },
      chore: { id: chore.id },
      penalty: { id: entry.penalty!.id, dueDate: DUE, points: 4, waived: true },
      reason: "He was ill",
    });
    expect(await ledgerOf(h.member.client, h.member.user.id)).toMatchObject([
      { kind: "waived", chore: { id: chore.id, name: "Dishes" } },
      { kind: "penalty", id: entry.id, penalty: { waived: true } },
      { kind: "adjusted" },
    ]);
    await expectApiError(h.admin.client.circles.waivePenalty(h.member.user.id, entry.id, {}), 409, "already_waived");
    const [event] = await server.db.prisma.auditEvent.findMany({
      where: { action: "points.penalty_waived", actorUserId: h.admin.user.id },
    });
    expect(event).toMatchObject({
      entityType: "user",
      entityId: String(h.member.user.id),
      payload: { penaltyEntryId: entry.id, penaltyId: entry.penalty!.id, choreId: chore.id, amount: 4, reason: "He was ill", points: 10 },
    });
  });

  it("waives a penalty that took nothing without a reason", async () => {
    const h = await createHousehold(server);
    const chore = await mandatoryChore(h, { penalty: { points: 4, graceMinutes: 0 } });
    await tick(minutesAfterDue(1));
    const [entry] = await ledgerOf(h.admin.client, h.member.user.id);
    expect(entry).toMatchObject({ kind: "penalty", amount: 0, chore: { id: chore.id } });
    expect((await h.admin.client.circles.waivePenalty(h.member.user.id, entry!.id, {})).entry).toMatchObject({ amount: 0, reason: null });
  });

  it("is for admins, as themselves, with a session or an API token; not from a tablet", async () => {
    const h = await createHousehold(server);
    const { entry } = await charged(h);
    await expectApiError(h.manager.client.circles.waivePenalty(h.member.user.id, entry.id, {}), 403, "forbidden");
    await expectApiError(h.member.client.circles.waivePenalty(h.member.user.id, entry.id, {}), 403, "forbidden");
    await expectApiError(
      (await actingAs(h.admin, h.manager)).circles.waivePenalty(h.member.user.id, entry.id, {}),
      403,
      "impersonation_not_supported",
    );
    const device = await h.admin.client.circles.createDevice({ name: "Hall" });
    const tablet = await server.fetch(`/circles/current/members/${h.member.user.id}/points/${entry.id}/waive`, {
      method: "POST",
      headers: { Authorization: `Bearer ${device.token}`, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(tablet.status).toBe(403);
    const { token } = await h.admin.client.users.createToken({ name: "script" });
    expect((await server.client(token).circles.waivePenalty(h.member.user.id, entry.id, {})).entry.actor?.id).toBe(h.admin.user.id);
  });

  it("refuses what is not a penalty of that member, and a blank or long reason", async () => {
    const h = await createHousehold(server);
    const { entry } = await charged(h);
    const adjusted = (await ledgerOf(h.admin.client, h.member.user.id)).find(({ kind }) => kind === "adjusted");
    await expectApiError(h.admin.client.circles.waivePenalty(h.member.user.id, adjusted!.id, {}), 404, "not_found");
    await expectApiError(h.admin.client.circles.waivePenalty(h.manager.user.id, entry.id, {}), 404, "not_found");
    const other = await createHousehold(server);
    await expectApiError(other.admin.client.circles.waivePenalty(h.member.user.id, entry.id, {}), 404, "not_found");
    await expectInvalidField(h.admin.client.circles.waivePenalty(h.member.user.id, entry.id, { reason: "  " }), "reason");
    await expectInvalidField(h.admin.client.circles.waivePenalty(h.member.user.id, entry.id, { reason: "x".repeat(201) }), "reason");
    expect((await ledgerOf(h.admin.client, h.member.user.id))[0]).toMatchObject({ kind: "penalty", penalty: { waived: false } });
  });

  it("waives once when admins waive in parallel", async () => {
    const h = await createHousehold(server);
    const { entry } = await charged(h);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => h.admin.client.circles.waivePenalty(h.member.user.id, entry.id, {})),
    );
    expect(results.filter(({ status }) => status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(result.reason).toMatchObject({ status: 409, code: "already_waived" });
    }
    expect(await server.db.prisma.pointsEntry.count({ where: { penaltyId: entry.penalty!.id, kind: "waived" } })).toBe(1);
    expect((await h.member.client.circles.memberPoints(h.member.user.id)).member.points).toBe(10);
    expect(await balancesMismatchingLedger(h.admin.user.circleId!)).toEqual([]);
  });
});
