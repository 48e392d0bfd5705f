/**
 * Missed occurrences and completion windows over HTTP (docs/decisions/0031-missed-occurrences.md):
 * an occurrence that passes undone is recorded missed once — by the scheduler tick, or by a late
 * do or skip that jumps over occurrences — shown in the chore's history and the statistics. Runs
 * on PGlite, and on PostgreSQL with TEST_DATABASE_URL, where parallel ticks (two connection
 * pools, as two processes) race for real.
 */
import type { Chore, CreateChoreRequest } from "@chorus/shared";
import { openDatabase, type Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import { createLogger } from "../logger";
import { createReminderScheduler } from "../reminders/scheduler";
import { missCandidatesSql, recordMissedOccurrences } from "../services/missed";
import { expectInvalidField, makeChore } from "../test/choreFactories";
import { createHousehold, type TestCircle } from "../test/factories";
import { startTestServer, testConfig, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const logger = createLogger("silent");
const DAILY = { type: "daily" } as const;
const HOUR = 3_600_000;
const DUE = "2026-11-30T18:00:00.000Z";
const minutesAfterDue = (minutes: number) => new Date(Date.parse(DUE) + minutes * 60_000);
const tick = (now: Date, db: Database = server.db) => recordMissedOccurrences(db, logger, now);
const missedRows = (choreId: number) =>
  server.db.prisma.choreHistory.findMany({ where: { choreId, action: "missed" }, orderBy: { dueDate: "asc" } });

function dailyChore(h: TestCircle, overrides: Partial<CreateChoreRequest> = {}): Promise<Chore> {
  return makeChore(h.admin.client, { name: "Dishes", frequency: DAILY, nextDueDate: DUE, assignees: [h.member.user.id], ...overrides });
}

describe("a chore's completion window", () => {
  it("is set on create, shown on the chore, changed and removed by an edit", async () => {
    const h = await createHousehold(server);
    const chore = await dailyChore(h, { completionWindowMinutes: 120 });
    expect(chore.completionWindowMinutes).toBe(120);
    expect((await h.member.client.chores.get(chore.id)).completionWindowMinutes).toBe(120);
    expect((await h.admin.client.chores.update(chore.id, { completionWindowMinutes: 2880 })).completionWindowMinutes).toBe(2880);
    expect((await h.admin.client.chores.update(chore.id, { name: "Plates" })).completionWindowMinutes).toBe(2880);
    expect((await h.admin.client.chores.update(chore.id, { completionWindowMinutes: null })).completionWindowMinutes).toBeNull();
    expect((await makeChore(h.admin.client)).completionWindowMinutes).toBeNull();
  });

  it.each([
    ["no minutes", 0],
    ["over 31 days", 44_641],
    ["a fraction", 1.5],
    ["text", "60"],
  ])("refuses %s, naming the field", async (_case, window) => {
    const h = await createHousehold(server);
    await expectInvalidField(makeChore(h.admin.client, { completionWindowMinutes: window as never }), "completionWindowMinutes");
    const chore = await makeChore(h.admin.client);
    await expectInvalidField(
      h.admin.client.chores.update(chore.id, { completionWindowMinutes: window as never }),
      "completionWindowMinutes",
    );
  });
});

describe("the scheduler tick", () => {
  it("records an occurrence missed once its window has passed, once, in the chore's history", async () => {
    const h = await createHousehold(server);
    const chore = await dailyChore(h, { completionWindowMinutes: 60 });
    await tick(minutesAfterDue(59));
    expect(await missedRows(chore.id)).toEqual([]);
    await tick(minutesAfterDue(60));
    await tick(minutesAfterDue(61));
    await tick(minutesAfterDue(600));
    expect(await missedRows(chore.id)).toHaveLength(1);

    const { history } = await h.member.client.chores.history(chore.id);
    expect(history).toEqual([
      expect.objectContaining({
        action: "missed",
        dueDate: DUE,
        performedAs: h.member.user.id,
        updatedBy: h.member.user.id,
        points: 0,
        createdAt: minutesAfterDue(60).toISOString(),
      }),
    ]);
    const events = await server.db.prisma.auditEvent.findMany({ where: { action: "chore.missed", entityId: String(chore.id) } });
    expect(events).toMatchObject([
      { actorUserId: null, entityType: "chore", payload: { recordedBy: "scheduler", dueDate: DUE, member: h.member.user.id } },
    ]);
  });

  it("without a window, records it when the next occurrence is due; a one-off chore without one is never missed", async () => {
    const h = await createHousehold(server);
    const daily = await dailyChore(h);
    const once = await dailyChore(h, { frequency: { type: "once" } });
    await tick(minutesAfterDue(24 * 60 - 1));
    expect(await missedRows(daily.id)).toEqual([]);
    await tick(minutesAfterDue(24 * 60));
    expect(await missedRows(daily.id)).toMatchObject([{ dueDate: new Date(DUE), createdAt: minutesAfterDue(24 * 60) }]);
    await tick(minutesAfterDue(60 * 24 * 60));
    expect(await missedRows(once.id)).toEqual([]);
  });

  it("records nothing for an occurrence done or skipped in time, nor archived or unassigned chores", async () => {
    const h = await createHousehold(server);
    const done = await dailyChore(h, { completionWindowMinutes: 60 });
    const skipped = await dailyChore(h, { completionWindowMinutes: 60 });
    const archived = await dailyChore(h, { completionWindowMinutes: 60 });
    const unassigned = await dailyChore(h, { completionWindowMinutes: 60, assignees: [] });
    await h.member.client.chores.do(done.id, { dueDate: DUE });
    await h.member.client.chores.skip(skipped.id, { dueDate: DUE });
    await h.admin.client.chores.update(archived.id, { archived: true });
    await tick(minutesAfterDue(120));
    for (const chore of [archived, unassigned]) expect(await missedRows(chore.id)).toEqual([]);
    // Done and skipped moved on past the real clock: their current occurrence is not due.
    for (const chore of [done, skipped]) expect((await missedRows(chore.id)).map((row) => row.dueDate)).not.toContainEqual(new Date(DUE));
  });

  it("records nothing for an occurrence due while its assignee is away or the circle paused", async () => {
    const h = await createHousehold(server);
    // Away days must not be past, so this plays two and three days ahead (the circle's zone is UTC).
    const day = (k: number) => new Date(Date.now() + k * 24 * HOUR).toISOString().slice(0, 10);
    const dueOn = (k: number) => `${day(k)}T18:00:00.000Z`;
    await h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: day(2), endsOn: day(2) });
    await h.admin.client.circles.createAwayPeriod({ userId: null, startsOn: day(3), endsOn: day(3) });
    const whileAway = await dailyChore(h, { nextDueDate: dueOn(2), completionWindowMinutes: 60 });
    const present = await dailyChore(h, { nextDueDate: dueOn(2), completionWindowMinutes: 60, assignees: [h.admin.user.id] });
    const whilePaused = await dailyChore(h, { nextDueDate: dueOn(3), completionWindowMinutes: 60, assignees: [h.admin.user.id] });
    await tick(new Date(Date.parse(dueOn(3)) + 2 * HOUR));
    expect(await missedRows(whileAway.id)).toEqual([]);
    expect(await missedRows(whilePaused.id)).toEqual([]);
    expect(await missedRows(present.id)).toHaveLength(1);
  });

  it("runs from the reminder scheduler's tick", async () => {
    const h = await createHousehold(server);
    const chore = await dailyChore(h, { completionWindowMinutes: 1 });
    await createReminderScheduler({ db: server.db, config: testConfig(), logger }).runOnce(minutesAfterDue(1));
    expect(await missedRows(chore.id)).toHaveLength(1);
  });

  it("finds candidates through the partial index on open chores", async () => {
    const plan = await server.db.prisma.$transaction(async (tx) => {
      // Tables this small are read whole anyway; the question is whether the index can serve the scan.
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${missCandidatesSql(new Date())}`);
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/Chore_open_due_idx/);
  });

  it("records once when ticks run in parallel, in two processes", async () => {
    const h = await createHousehold(server);
    const chores = await Promise.all([1, 2, 3].map(() => dailyChore(h, { completionWindowMinutes: 1 })));
    // A second connection pool, as a second server process has; PGlite has only the one.
    const other = server.databaseUrl ? await openDatabase({ databaseUrl: server.databaseUrl, poolSize: 5 }) : server.db;
    try {
      const now = minutesAfterDue(5);
      await Promise.all([tick(now), tick(now, other), tick(now), tick(now, other)]);
    } finally {
      if (other !== server.db) await other.close();
    }
    for (const chore of chores) expect(await missedRows(chore.id)).toHaveLength(1);
    const events = await server.db.prisma.auditEvent.count({
      where: { action: "chore.missed", entityId: { in: chores.map(({ id }) => String(id)) } },
    });
    expect(events).toBe(3);
  });
});

describe("a late do or skip", () => {
  /** A fixed daily chore first due `days` days and an hour ago, so a do now jumps over `days` occurrences. */
  const lateChore = (h: TestCircle, days: number, overrides: Partial<CreateChoreRequest> = {}) =>
    dailyChore(h, { nextDueDate: new Date(Date.now() - days * 24 * HOUR - HOUR).toISOString(), ...overrides });

  it("records the occurrences a fixed schedule jumps over as missed by the assignee, and audits them", async () => {
    const h = await createHousehold(server);
    const chore = await lateChore(h, 3);
    const done = await h.member.client.chores.do(chore.id, { dueDate: chore.nextDueDate! });
    const missed = await missedRows(chore.id);
    const day = (k: number) => new Date(Date.parse(chore.nextDueDate!) + k * 24 * HOUR);
    expect(missed.map((row) => row.dueDate)).toEqual([day(1), day(2), day(3)]);
    expect(done.nextDueDate).toBe(day(4).toISOString());
    expect(missed.every((row) => row.performedAsId === h.member.user.id && row.createdAt <= new Date())).toBe(true);
    const { history } = await h.member.client.chores.history(chore.id);
    expect(history.map((row) => row.action).sort()).toEqual(["completed", "missed", "missed", "missed"]);
    const [event] = await server.db.prisma.auditEvent.findMany({ where: { action: "chore.completed", entityId: String(chore.id) } });
    expect(event!.payload).toMatchObject({ missed: [day(1), day(2), day(3)].map((date) => date.toISOString()) });
    // The tick that comes later finds nothing more to record.
    await tick(new Date());
    expect(await missedRows(chore.id)).toHaveLength(3);
  });

  it("records them for a skip too, but not for a rolling schedule, which counts from the completion", async () => {
    const h = await createHousehold(server);
    const skipped = await lateChore(h, 2);
    await h.member.client.chores.skip(skipped.id, { dueDate: skipped.nextDueDate! });
    expect(await missedRows(skipped.id)).toHaveLength(2);
    const rolling = await lateChore(h, 2, { scheduleMode: "rolling" });
    await h.member.client.chores.do(rolling.id, { dueDate: rolling.nextDueDate! });
    expect(await missedRows(rolling.id)).toEqual([]);
  });

  it("leaves out the occurrences jumped over that were due while the assignee was away", async () => {
    const h = await createHousehold(server);
    const chore = await lateChore(h, 3);
    const day = (k: number) => new Date(Date.parse(chore.nextDueDate!) + k * 24 * HOUR);
    // Days already past cannot be set through the API; this is a period set back then.
    await server.db.prisma.awayPeriod.create({
      data: {
        circleId: h.admin.user.circleId!,
        userId: h.member.user.id,
        startsOn: day(2),
        endsOn: day(2),
        startsAt: new Date(day(2).getTime() - HOUR),
        endsAt: new Date(day(2).getTime() + HOUR),
        createdById: h.member.user.id,
      },
    });
    await h.member.client.chores.do(chore.id, { dueDate: chore.nextDueDate! });
    expect((await missedRows(chore.id)).map((row) => row.dueDate)).toEqual([day(1), day(3)]);
  });

  it("never records an occurrence twice when the tick got there first", async () => {
    const h = await createHousehold(server);
    const chore = await lateChore(h, 2, { completionWindowMinutes: 30 });
    await tick(new Date());
    expect(await missedRows(chore.id)).toHaveLength(1);
    await h.member.client.chores.do(chore.id, { dueDate: chore.nextDueDate! });
    // The current occurrence (missed, then done late) and the two jumped over.
    expect((await missedRows(chore.id)).map((row) => row.dueDate!.getTime())).toEqual(
      [0, 1, 2].map((k) => Date.parse(chore.nextDueDate!) + k * 24 * HOUR),
    );
  });
});

describe("the statistics", () => {
  it("count each member's missed occurrences", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, {
      name: "Bins",
      frequency: DAILY,
      nextDueDate: new Date(Date.now() - 3 * HOUR).toISOString(),
      completionWindowMinutes: 60,
      assignees: [h.member.user.id],
    });
    await tick(new Date());
    expect(await missedRows(chore.id)).toHaveLength(1);
    const stats = await h.admin.client.circles.statistics({ weeks: 2 });
    const missedBy = (userId: number) =>
      stats.members.find((member) => member.userId === userId)!.weeks.reduce((sum, week) => sum + week.missed, 0);
    expect(missedBy(h.member.user.id)).toBe(1);
    expect(missedBy(h.admin.user.id)).toBe(0);
  });
});
