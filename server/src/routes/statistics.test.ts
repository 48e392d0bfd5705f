/**
 * GET /circles/current/statistics (docs/decisions/0029-statistics.md) over HTTP: a history
 * seeded through the API across week boundaries in Berlin, on time and late, skips, an undo,
 * points in the week of a back-dated completion, private chores counted only for those who
 * may see them, the member filter, bounds, and the statement count.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import type { Statistics } from "@chorus/shared";
import { DateTime } from "luxon";
import { expectInvalidField, makeChore, rawRequest } from "../test/choreFactories";
import { createHousehold, expectApiError, signUp, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
/** Monday 00:00 of this week in Berlin (the circle's locale is German, whose weeks start on Monday). */
let thisWeek: DateTime;

const BERLIN = "Europe/Berlin";
const iso = (time: DateTime) => time.toISO()!;

beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server, BERLIN);
  await home.admin.client.circles.update({ locale: "de-DE" });
  thisWeek = DateTime.now().setZone(BERLIN).startOf("week");
  const lastWeek = thisWeek.minus({ weeks: 1 });
  const twoWeeksAgo = thisWeek.minus({ weeks: 2 });
  const member = home.member.client;
  const assigned = { assignees: [home.member.user.id] };

  // Sunday 23:30 in Berlin: still the week before last.
  const bins = await makeChore(home.admin.client, { ...assigned, name: "Bins", points: 3, nextDueDate: iso(lastWeek.plus({ days: 2 })) });
  await member.chores.do(bins.id, { completedAt: iso(lastWeek.minus({ minutes: 30 })) });
  // Monday 00:30 in Berlin (Sunday 23:30 UTC): last week, and late (due Sunday 20:00).
  const cat = await makeChore(home.admin.client, { ...assigned, name: "Cat", points: 2, nextDueDate: iso(lastWeek.minus({ hours: 4 })) });
  await member.chores.do(cat.id, { completedAt: iso(lastWeek.plus({ minutes: 30 })) });
  // Done twice: two weeks ago on time, and now. Rolling, so the second jumps over no occurrence it
  // would record missed (decision 0031; missed.test.ts counts those).
  const dishes = await makeChore(home.admin.client, {
    ...assigned,
    name: "Dishes",
    points: 1,
    frequency: { type: "daily" },
    scheduleMode: "rolling",
    nextDueDate: iso(twoWeeksAgo.plus({ hours: 10 })),
  });
  const afterFirst = await member.chores.do(dishes.id, { completedAt: iso(twoWeeksAgo.plus({ hours: 9 })) });
  await member.chores.do(dishes.id, { dueDate: afterFirst.nextDueDate! });
  // This week: a completion, a skip, and a completion taken back.
  const laundry = await makeChore(home.admin.client, {
    ...assigned,
    name: "Laundry",
    points: 5,
    nextDueDate: iso(thisWeek.plus({ weeks: 1 })),
  });
  await member.chores.do(laundry.id);
  const plants = await makeChore(home.admin.client, { ...assigned, name: "Plants", frequency: { type: "daily" } });
  await member.chores.skip(plants.id);
  const oops = await makeChore(home.admin.client, { ...assigned, name: "Oops", points: 4 });
  await member.chores.do(oops.id);
  await member.chores.undo(oops.id, {});
  // Before the range of three weeks.
  const old = await makeChore(home.admin.client, { ...assigned, name: "Old", points: 9, nextDueDate: iso(twoWeeksAgo.minus({ days: 3 })) });
  await member.chores.do(old.id, { completedAt: iso(twoWeeksAgo.minus({ days: 2 })) });
  // The manager's private chore: only the manager (creator and assignee) may see it.
  const secret = await makeChore(home.manager.client, { name: "Secret", isPrivate: true, assignees: [home.manager.user.id], points: 7 });
  await home.manager.client.chores.do(secret.id);
});
afterAll(() => server.close());

const week = (stats: Statistics, user: TestUser) => stats.members.find((member) => member.userId === user.user.id)!.weeks;
const counts = (completed: number, late: number, skipped: number, points: number, missed = 0) => ({
  completed,
  onTime: completed - late,
  late,
  skipped,
  missed,
  points,
});

describe("the circle's statistics", () => {
  it("counts each member's completions, lateness, skips and points per week of the circle's time zone", async () => {
    const stats = await home.admin.client.circles.statistics({ weeks: 3 });
    expect(stats.timezone).toBe(BERLIN);
    expect(stats.weekStarts).toEqual([2, 1, 0].map((weeks) => thisWeek.minus({ weeks }).toISODate()));
    expect(stats.from).toBe(thisWeek.minus({ weeks: 2 }).toUTC().toISO());
    expect(week(stats, home.member)).toEqual([
      { weekStart: stats.weekStarts[0], ...counts(2, 0, 0, 4) }, // Bins (3) and the first Dishes (1)
      { weekStart: stats.weekStarts[1], ...counts(1, 1, 0, 2) }, // Cat, late
      { weekStart: stats.weekStarts[2], ...counts(2, 0, 1, 6) }, // Laundry (5), Dishes (1), Plants skipped; Oops undone
    ]);
    expect(week(stats, home.admin)).toEqual(stats.weekStarts.map((weekStart) => ({ weekStart, ...counts(0, 0, 0, 0) })));
    expect(stats.members.map((member) => member.displayName)).toEqual(
      [home.admin, home.manager, home.member].map((user) => user.user.displayName).sort(),
    );
    expect(stats.topChores.map((chore) => [chore.name, chore.completions])).toEqual([
      ["Dishes", 2],
      ["Bins", 1],
      ["Cat", 1],
      ["Laundry", 1],
    ]);
  });

  it("counts a private chore only for those who may see it, viewing as a member as they see it", async () => {
    await home.admin.client.impersonation.start({ userId: home.member.user.id, mode: "view" });
    const viewingAsMember = server.client(home.admin.token);
    viewingAsMember.setImpersonateUserId(home.member.user.id);
    const hidden = [home.admin.client, home.member.client, viewingAsMember];
    for (const client of hidden) {
      const stats = await client.circles.statistics({ weeks: 1 });
      expect(week(stats, home.manager)).toEqual([{ weekStart: thisWeek.toISODate(), ...counts(0, 0, 0, 0) }]);
      expect(stats.topChores.map((chore) => chore.name)).not.toContain("Secret");
    }
    const own = await home.manager.client.circles.statistics({ weeks: 1 });
    expect(week(own, home.manager)).toEqual([{ weekStart: thisWeek.toISODate(), ...counts(1, 0, 0, 7) }]);
    expect(own.topChores).toContainEqual(expect.objectContaining({ name: "Secret", completions: 1 }));
  });

  it("takes older weeks when asked, eight by default", async () => {
    const five = await home.member.client.circles.statistics({ weeks: 5 });
    expect(five.weekStarts).toHaveLength(5);
    // "Old" was done (a day late) on the Saturday before the week before last: three weeks back.
    expect(week(five, home.member)[1]).toEqual({ weekStart: thisWeek.minus({ weeks: 3 }).toISODate(), ...counts(1, 1, 0, 9) });
    const byDefault = await home.member.client.circles.statistics();
    expect(byDefault.weekStarts).toHaveLength(8);
    expect(byDefault.weekStarts.at(-1)).toBe(thisWeek.toISODate());
  });

  it("starts its weeks on the first day of the circle's locale: Sunday for en-US", async () => {
    const american = await createHousehold(server, "America/New_York");
    const [sunday] = (await american.member.client.circles.statistics({ weeks: 1 })).weekStarts;
    const today = DateTime.now().setZone("America/New_York").startOf("day");
    expect(sunday).toBe(today.minus({ days: today.weekday % 7 }).toISODate());
  });

  it("narrows to one member, and refuses someone outside the circle", async () => {
    const stats = await home.manager.client.circles.statistics({ weeks: 3, memberId: home.member.user.id });
    expect(stats.members.map((member) => member.userId)).toEqual([home.member.user.id]);
    expect(stats.topChores.map((chore) => chore.name)).not.toContain("Secret");
    const stranger = await signUp(server);
    await expectApiError(home.admin.client.circles.statistics({ memberId: stranger.user.id }), 404, "not_found");
  });

  it("refuses a range outside 1-52 weeks and unknown options", async () => {
    for (const weeks of ["0", "53", "1.5", "abc"]) await expectInvalidField(home.admin.client.circles.statistics({ weeks }), "weeks");
    const response = await server.fetch("/circles/current/statistics?since=2020", {
      headers: { Authorization: `Bearer ${home.admin.token}` },
    });
    expect(response.status).toBe(400);
  });

  it("answers in five statements, however many weeks", async () => {
    for (const weeks of [1, 52]) {
      const answer = await rawRequest(server, home.member, "GET", `/circles/current/statistics?weeks=${weeks}`);
      expect(answer.status).toBe(200);
      // Identity, then the members, the history, the ledger and the top chores.
      expect(answer.sqlStatements).toBe(5);
    }
  });
});
