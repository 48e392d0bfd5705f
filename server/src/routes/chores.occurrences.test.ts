/**
 * Which occurrence a do or skip resolves (docs/decisions/0007-occurrences-undo-archive.md):
 * the current one — from the previous occurrence's due time, or from creation — without
 * a date; the one after it only when named, and never more than one ahead; each once
 * under parallel requests. Also the first due date of a repeating chore created without
 * one, and the time of day kept across DST.
 */
import type { Chore, Frequency, ScheduleMode } from "@chorus/shared";
import { DateTime } from "luxon";
import { makeChore, pointsByUser } from "../test/choreFactories";
import { createHousehold, expectApiError, type TestCircle } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

const BERLIN = "Europe/Berlin";
let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server, BERLIN);
});
afterAll(() => server.close());

const FREQUENCIES: Frequency[] = [
  { type: "daily" },
  { type: "weekly", weekdays: [1, 4] },
  { type: "monthly", dayOfMonth: 31 },
  { type: "yearly" },
  { type: "interval", every: 3, unit: "days" },
  { type: "interval", every: 2, unit: "weeks" },
  { type: "interval", every: 1, unit: "months" },
];
const EVERY_RULE: [string, Frequency, ScheduleMode][] = FREQUENCIES.flatMap((frequency) =>
  (["fixed", "rolling"] as const).map((mode): [string, Frequency, ScheduleMode] => [
    `${JSON.stringify(frequency)} ${mode}`,
    frequency,
    mode,
  ]),
);

const inBerlin = (iso: string) => DateTime.fromISO(iso, { zone: BERLIN });
/** 18:00 in Berlin, `days` from today. */
const eveningIn = (days: number) =>
  DateTime.now().setZone(BERLIN).plus({ days }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 }).toISO()!;
const outcomes = async (choreId: number) =>
  server.db.prisma.choreHistory.count({ where: { choreId, action: { in: ["completed", "skipped"] } } });

/** `hours` from now, as the API writes instants. */
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe("the current occurrence", () => {
  it.each(EVERY_RULE)(
    "%s: due in a few hours, it is done without a date; the next one only when named, once",
    async (_name, frequency, scheduleMode) => {
      // Due this evening, done this morning: what a family does with today's dishes.
      const chore = await makeChore(home.admin.client, { frequency, scheduleMode, nextDueDate: hoursFromNow(5), points: 7 });
      expect(chore).toMatchObject({ currentFrom: null, earlyFrom: null });
      const before = await pointsByUser(home.admin.client);

      const done = await home.admin.client.chores.do(chore.id);
      expect(Date.parse(done.nextDueDate!)).toBeGreaterThan(Date.parse(chore.nextDueDate!));
      expect(done).toMatchObject({ currentFrom: chore.nextDueDate, earlyFrom: null });

      // The occurrence after it is early until this one's due time: it must be named.
      const refused = await home.admin.client.chores.do(chore.id).catch((error: unknown) => error);
      expect(refused).toMatchObject({ status: 409, code: "not_due_yet", details: { dueDate: done.nextDueDate } });
      await expectApiError(home.admin.client.chores.skip(chore.id), 409, "not_due_yet");
      const early = await home.admin.client.chores.skip(chore.id, { dueDate: done.nextDueDate });
      expect(early).toMatchObject({ currentFrom: done.nextDueDate, earlyFrom: chore.nextDueDate });

      // Never a second one ahead, named or not.
      await expectApiError(home.admin.client.chores.do(chore.id, { dueDate: early.nextDueDate }), 409, "not_due_yet");
      await expectApiError(home.admin.client.chores.skip(chore.id, { dueDate: early.nextDueDate }), 409, "not_due_yet");
      await expectApiError(home.admin.client.chores.do(chore.id), 409, "not_due_yet");

      expect((await pointsByUser(home.admin.client)).get(home.admin.user.id)).toBe(before.get(home.admin.user.id)! + 7);
      expect(await outcomes(chore.id)).toBe(2);
      expect(await home.admin.client.chores.get(chore.id)).toMatchObject({
        nextDueDate: early.nextDueDate,
        currentFrom: early.currentFrom,
        earlyFrom: early.earlyFrom,
      });
    },
  );

  it.each(EVERY_RULE)(
    "%s: once the last occurrence's due time has passed, the next one is current",
    async (_name, frequency, scheduleMode) => {
      const chore = await makeChore(home.admin.client, { frequency, scheduleMode, nextDueDate: eveningIn(-1), points: 1 });
      const late = await home.admin.client.chores.do(chore.id);
      expect(Date.parse(late.nextDueDate!)).toBeGreaterThan(Date.now());
      expect(late.currentFrom).toBe(chore.nextDueDate);
      // Due later in its period: this one, not an early one.
      const current = await home.admin.client.chores.do(chore.id);
      expect(current.currentFrom).toBe(late.nextDueDate);
      await expectApiError(home.admin.client.chores.do(chore.id), 409, "not_due_yet");
      await home.admin.client.chores.do(chore.id, { dueDate: current.nextDueDate });
      await expectApiError(
        home.admin.client.chores.do(chore.id, { dueDate: (await home.admin.client.chores.get(chore.id)).nextDueDate }),
        409,
        "not_due_yet",
      );
      expect(await outcomes(chore.id)).toBe(3);
    },
  );

  it.each(EVERY_RULE)("%s: created without a due date, its first occurrence is current at once", async (_name, frequency, scheduleMode) => {
    const chore = await makeChore(home.admin.client, { frequency, scheduleMode });
    expect(Date.parse(chore.nextDueDate!)).toBeGreaterThan(Date.now());
    const done = await home.admin.client.chores.do(chore.id);
    expect(done.currentFrom).toBe(chore.nextDueDate);
  });

  it("becomes current when its due time passes", async () => {
    const chore = await makeChore(home.admin.client, { frequency: { type: "daily" }, nextDueDate: hoursFromNow(5) });
    const done = await home.admin.client.chores.do(chore.id);
    await expectApiError(home.admin.client.chores.do(chore.id), 409, "not_due_yet");
    // Time passes: the occurrence just done falls due (its due time is what `currentFrom` holds).
    await server.db.prisma.chore.update({ where: { id: chore.id }, data: { currentFrom: new Date(Date.now() - 1000) } });
    const next = await home.admin.client.chores.do(chore.id);
    expect(next.currentFrom).toBe(done.nextDueDate);
  });

  it("lets a one-off chore due later be done without a date: it is current from its creation", async () => {
    const chore = await makeChore(home.admin.client, { nextDueDate: eveningIn(5) });
    const done = await home.admin.client.chores.do(chore.id);
    expect(done.finishedAt).not.toBeNull();
    await expectApiError(home.admin.client.chores.do(chore.id, { dueDate: chore.nextDueDate }), 409, "invalid_state");
  });

  it("starts over when the schedule is edited, as a new chore does", async () => {
    const chore = await makeChore(home.admin.client, { frequency: { type: "daily" }, nextDueDate: hoursFromNow(5) });
    const done = await home.admin.client.chores.do(chore.id);
    const renamed = await home.admin.client.chores.update(chore.id, { name: "Dishes, properly" });
    expect(renamed.currentFrom).toBe(done.currentFrom);
    const moved = await home.admin.client.chores.update(chore.id, { nextDueDate: hoursFromNow(30) });
    expect(moved).toMatchObject({ currentFrom: null, earlyFrom: null });
    await home.admin.client.chores.do(chore.id);
  });

  it("is put back by undo", async () => {
    const chore = await makeChore(home.admin.client, { frequency: { type: "weekly", weekdays: [2] }, nextDueDate: hoursFromNow(5) });
    const current = await home.admin.client.chores.do(chore.id);
    expect(await home.admin.client.chores.undo(chore.id)).toMatchObject({
      nextDueDate: chore.nextDueDate,
      currentFrom: null,
      earlyFrom: null,
    });
    await home.admin.client.chores.do(chore.id);
    const early = await home.admin.client.chores.do(chore.id, { dueDate: current.nextDueDate });
    expect(await home.admin.client.chores.undo(chore.id)).toMatchObject({
      nextDueDate: current.nextDueDate,
      currentFrom: chore.nextDueDate,
      earlyFrom: null,
    });
    expect(await home.admin.client.chores.do(chore.id, { dueDate: current.nextDueDate })).toMatchObject({
      nextDueDate: early.nextDueDate,
      earlyFrom: chore.nextDueDate,
    });
  });
});

describe("parallel requests", () => {
  it("ten parallel dos naming no occurrence complete exactly one", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: hoursFromNow(5),
      assignees: [home.member.user.id, home.manager.user.id],
      assignmentStrategy: "round_robin",
      points: 10,
    });
    const before = await pointsByUser(home.admin.client);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => home.manager.client.chores.do(chore.id)));
    const succeeded = results.filter((result): result is PromiseFulfilledResult<Chore> => result.status === "fulfilled");
    const refused = results
      .filter((result): result is PromiseRejectedResult => result.status === "rejected")
      .map((result) => result.reason);
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const reason of refused) expect(reason).toMatchObject({ status: 409, code: "not_due_yet" });
    expect(await outcomes(chore.id)).toBe(1);
    const after = await pointsByUser(home.admin.client);
    expect(after.get(home.manager.user.id)).toBe(before.get(home.manager.user.id)! + 10);
    expect(await home.admin.client.chores.get(chore.id)).toMatchObject({
      version: chore.version + 1,
      nextDueDate: succeeded[0]!.value.nextDueDate,
    });
  });

  it.each(["fixed", "rolling"] as const)(
    "ten parallel dos naming no occurrence of an overdue %s chore resolve it and the one now current, each once",
    async (scheduleMode) => {
      const chore = await makeChore(home.admin.client, {
        frequency: { type: "daily" },
        scheduleMode,
        nextDueDate: eveningIn(-1),
        points: 10,
      });
      const before = await pointsByUser(home.admin.client);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => home.manager.client.chores.do(chore.id)));
      // The same requests one after another would do no more: the overdue one, then the current one.
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
      for (const result of results) {
        if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409, code: "not_due_yet" });
      }
      // Outcomes only: after 18:00 in Berlin, today's occurrence is past too, and the first do
      // records it missed as it jumps over it (decision 0031).
      const dueDates = await server.db.prisma.choreHistory.findMany({
        where: { choreId: chore.id, action: { in: ["completed", "skipped"] } },
        orderBy: { id: "asc" },
        select: { dueDate: true },
      });
      expect(dueDates[0]!.dueDate!.toISOString()).toBe(new Date(chore.nextDueDate!).toISOString());
      expect(new Set(dueDates.map(({ dueDate }) => dueDate!.getTime())).size).toBe(2);
      expect((await pointsByUser(home.admin.client)).get(home.manager.user.id)).toBe(before.get(home.manager.user.id)! + 20);
    },
  );

  it.each(["fixed", "rolling"] as const)(
    "ten parallel back-dated dos of a long-overdue %s chore complete the missed occurrence and the current one, no more",
    async (scheduleMode) => {
      const chore = await makeChore(home.admin.client, {
        frequency: { type: "daily" },
        scheduleMode,
        nextDueDate: eveningIn(-30),
        points: 10,
      });
      // Each claims it was done a different day of the missed month: not one occurrence each.
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => home.admin.client.chores.do(chore.id, { completedAt: eveningIn(-29 + i) })),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
      for (const result of results) {
        if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409, code: "not_due_yet" });
      }
      expect(await outcomes(chore.id)).toBe(2);
      const after = await home.admin.client.chores.get(chore.id);
      expect(Date.parse(after.nextDueDate!)).toBeGreaterThan(Date.now());
      expect(Date.parse(after.currentFrom!)).toBeGreaterThan(Date.now());
    },
  );

  it("ten parallel early dos of a named occurrence complete it once", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "weekly", weekdays: [1, 4] },
      nextDueDate: eveningIn(1),
      points: 2,
    });
    const current = await home.admin.client.chores.do(chore.id);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? home.admin.client.chores.skip : home.admin.client.chores.do)(chore.id, { dueDate: current.nextDueDate }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409, code: "stale_occurrence" });
    }
    expect(await outcomes(chore.id)).toBe(2);
  });
});

describe("first due date of a repeating chore", () => {
  it("comes from the rule when none is given: the next listed weekday, by the end of that day", async () => {
    const created = await makeChore(home.admin.client, { frequency: { type: "weekly", weekdays: [1, 4] } });
    const due = inBerlin(created.nextDueDate!);
    const today = DateTime.now().setZone(BERLIN).startOf("day");
    expect([1, 4]).toContain(due.weekday);
    expect(due.toFormat("HH:mm")).toBe("23:59");
    expect(due.startOf("day") >= today && due.startOf("day") < today.plus({ days: 7 })).toBe(true);
    // Every day between today and the due day is not a listed weekday.
    for (let day = today; day < due.startOf("day"); day = day.plus({ days: 1 })) expect([1, 4]).not.toContain(day.weekday);
    // The series keeps that time of day.
    const next = inBerlin((await home.admin.client.chores.do(created.id, { dueDate: created.nextDueDate })).nextDueDate!);
    expect([[1, 4].includes(next.weekday), next.toFormat("HH:mm")]).toEqual([true, "23:59"]);

    const daily = await makeChore(home.admin.client, { frequency: { type: "daily" }, nextDueDate: null });
    expect(inBerlin(daily.nextDueDate!).toISODate()).toBe(DateTime.now().setZone(BERLIN).toISODate());
    expect((await makeChore(home.admin.client, {})).nextDueDate).toBeNull();
  });

  it("comes from the rule when an edit leaves a repeating chore without one, and restarts the series there", async () => {
    const oneOff = await makeChore(home.admin.client, {});
    const monthly = await home.admin.client.chores.update(oneOff.id, { frequency: { type: "monthly", dayOfMonth: 31 } });
    const due = inBerlin(monthly.nextDueDate!);
    expect([due.day, due.toFormat("HH:mm")]).toEqual([due.endOf("month").day, "23:59"]);
    const cleared = await home.admin.client.chores.update(oneOff.id, { nextDueDate: null });
    expect(cleared.nextDueDate).toBe(monthly.nextDueDate);
  });
});

describe("time of day", () => {
  it.each(EVERY_RULE)("%s: a chore due at 18:00 stays at 18:00 after do and skip, across DST", async (_name, frequency, scheduleMode) => {
    // Berlin moves its clocks on 31 March 2024; the chore is due before, done after.
    const chore = await makeChore(home.admin.client, { frequency, scheduleMode, nextDueDate: "2024-03-28T18:00:00+01:00" });
    const done = await home.admin.client.chores.do(chore.id, { completedAt: "2024-04-02T09:00:00+02:00" });
    const skipped = await home.admin.client.chores.skip(chore.id, { dueDate: done.nextDueDate });
    for (const next of [done.nextDueDate!, skipped.nextDueDate!]) expect(inBerlin(next).toFormat("HH:mm")).toBe("18:00");
  });
});
