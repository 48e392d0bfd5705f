/**
 * GET /calendar (docs/decisions/0036-calendar-view.md) over HTTP: occurrences ahead projected
 * from the schedules (rotation, seasons, away days, archived and finished chores), behind from
 * history (done for a member, skipped, missed), private chores, whose calendar while viewing
 * as a member, the range's bounds, the statement count, and the circle's locale deciding the
 * first day of the week. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import type { Calendar, CalendarOccurrence } from "@chorus/shared";
import { DateTime } from "luxon";
import { expectInvalidField, makeChore, rawRequest } from "../test/choreFactories";
import { createHousehold, expectApiError, signUp, type TestCircle } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const BERLIN = "Europe/Berlin";
const DAILY = { type: "daily" } as const;
/** Today at midnight in Berlin. */
const today = () => DateTime.now().setZone(BERLIN).startOf("day");
const day = (offset: number) => today().plus({ days: offset }).toISODate()!;
/** `offset` days from today at 09:00 in Berlin. */
const at9 = (offset: number) => today().plus({ days: offset, hours: 9 }).toISO()!;

const summary = (occurrence: CalendarOccurrence) => [occurrence.day, occurrence.state, occurrence.member?.displayName ?? null];
const ofChore = (calendar: Calendar, choreId: number) => calendar.occurrences.filter((occurrence) => occurrence.choreId === choreId);

describe("occurrences ahead", () => {
  let h: TestCircle;
  beforeAll(async () => {
    h = await createHousehold(server, BERLIN);
  });

  it("projects each occurrence of a chore that stays with its assignee, in the circle's days", async () => {
    const chore = await makeChore(h.admin.client, { name: "Dishes", frequency: DAILY, nextDueDate: at9(1), assignees: [h.member.user.id] });
    const calendar = await h.member.client.calendar.get({ from: day(0), to: day(6) });
    expect(calendar).toMatchObject({ from: day(0), to: day(6), timezone: BERLIN, member: h.member.user.id });
    expect(ofChore(calendar, chore.id).map(summary)).toEqual(
      [1, 2, 3, 4, 5, 6].map((offset) => [day(offset), "upcoming", h.member.user.displayName]),
    );
    expect(ofChore(calendar, chore.id)[0]).toMatchObject({ at: new Date(at9(1)).toISOString(), rotates: false, away: false, doneBy: null });
  });

  it("shows a shared chore's occurrences as each assignee's, and for everyone; a done part leaves the rest ahead", async () => {
    const assignees = [h.member.user.id, h.manager.user.id];
    const tidy = await makeChore(h.admin.client, {
      name: "Tidy",
      frequency: DAILY,
      nextDueDate: at9(1),
      assignees,
      assignmentMode: "everyone",
    });
    const walk = await makeChore(h.admin.client, {
      name: "Walk",
      frequency: DAILY,
      nextDueDate: at9(1),
      assignees,
      assignmentMode: "anyone",
    });
    await h.member.client.chores.do(tidy.id, { dueDate: at9(1) });
    await h.manager.client.chores.claim(walk.id);
    const range = { from: day(0), to: day(3) };
    const mine = await h.member.client.calendar.get(range);
    // Alex's part of tomorrow's is done (history); the days after are still Alex's part.
    expect(ofChore(mine, tidy.id).map(summary)).toEqual([
      [day(1), "done", h.member.user.displayName],
      [day(2), "upcoming", h.member.user.displayName],
      [day(3), "upcoming", h.member.user.displayName],
    ]);
    expect(ofChore(mine, tidy.id).slice(1)).toEqual([
      expect.objectContaining({ shared: "everyone" }),
      expect.objectContaining({ shared: "everyone" }),
    ]);
    // Tomorrow's walk is claimed by the manager: not Alex's; later ones are the pool's again.
    expect(ofChore(mine, walk.id).map(summary)).toEqual([
      [day(2), "upcoming", h.member.user.displayName],
      [day(3), "upcoming", h.member.user.displayName],
    ]);
    const everyone = await h.admin.client.calendar.get({ ...range, member: "everyone" });
    expect(ofChore(everyone, tidy.id).map(summary)).toEqual([
      [day(1), "done", h.member.user.displayName],
      [day(1), "upcoming", null],
      [day(2), "upcoming", null],
      [day(3), "upcoming", null],
    ]);
    expect(ofChore(everyone, walk.id).map(summary)).toEqual([
      [day(1), "upcoming", h.manager.user.displayName],
      [day(2), "upcoming", null],
      [day(3), "upcoming", null],
    ]);
    expect(ofChore(everyone, walk.id)[1]).toMatchObject({ shared: "anyone", rotates: false });
  });

  it("shows an overdue occurrence on its day, then the ones still ahead", async () => {
    const weekday = today().minus({ days: 1 }).weekday;
    const chore = await makeChore(h.admin.client, {
      name: "Bins",
      frequency: { type: "weekly", weekdays: [weekday] },
      nextDueDate: at9(-8),
    });
    const calendar = await h.admin.client.calendar.get({ from: day(-8), to: day(7) });
    // The occurrence eight days ago is overdue; yesterday's was jumped over (it will be recorded missed); next week's is ahead.
    expect(ofChore(calendar, chore.id).map(summary)).toEqual([
      [day(-8), "overdue", h.admin.user.displayName],
      [day(6), "upcoming", h.admin.user.displayName],
    ]);
  });

  it("gives a rotating chore's next occurrence to its assignee, the later ones to whoever it rotates to", async () => {
    const chore = await makeChore(h.admin.client, {
      name: "Hoover",
      frequency: DAILY,
      nextDueDate: at9(1),
      assignees: [h.member.user.id, h.manager.user.id],
      assignmentStrategy: "round_robin",
      assignedTo: h.member.user.id,
    });
    const everyone = await h.member.client.calendar.get({ from: day(0), to: day(3), member: "everyone" });
    expect(ofChore(everyone, chore.id).map((o) => [o.day, o.member?.userId ?? null, o.rotates])).toEqual([
      [day(1), h.member.user.id, false],
      [day(2), null, true],
      [day(3), null, true],
    ]);
    // A member's own calendar lists only what is theirs for sure.
    const mine = await h.member.client.calendar.get({ from: day(0), to: day(3) });
    expect(ofChore(mine, chore.id).map(summary)).toEqual([[day(1), "upcoming", h.member.user.displayName]]);
    const managers = await h.admin.client.calendar.get({ from: day(0), to: day(3), member: String(h.manager.user.id) });
    expect(ofChore(managers, chore.id)).toEqual([]);
  });

  it("keeps to a chore's season", async () => {
    const month = today().plus({ days: 1 }).month;
    const chore = await makeChore(h.admin.client, { name: "Mow", frequency: DAILY, nextDueDate: at9(1), activeMonths: [month] });
    const calendar = await h.admin.client.calendar.get({ from: day(0), to: day(40) });
    const days = ofChore(calendar, chore.id).map((occurrence) => DateTime.fromISO(occurrence.day));
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d.month === month)).toBe(true);
    // Daily until the month ends (or the range does), none after.
    const last = DateTime.min(today().plus({ days: 1 }).endOf("month"), today().plus({ days: 40 }));
    expect(days.at(-1)!.toISODate()).toBe(last.toISODate());
  });

  it("marks the occurrences that fall in the assignee's away days", async () => {
    const chore = await makeChore(h.admin.client, {
      name: "Plants",
      frequency: DAILY,
      nextDueDate: at9(1),
      assignees: [h.manager.user.id],
    });
    await h.manager.client.circles.createAwayPeriod({ userId: h.manager.user.id, startsOn: day(2), endsOn: day(3) });
    const calendar = await h.manager.client.calendar.get({ from: day(1), to: day(4) });
    expect(ofChore(calendar, chore.id).map((o) => [o.day, o.away])).toEqual([
      [day(1), false],
      [day(2), true],
      [day(3), true],
      [day(4), false],
    ]);
  });

  it("leaves out archived and finished chores", async () => {
    const archived = await makeChore(h.admin.client, { name: "Old", frequency: DAILY, nextDueDate: at9(1) });
    await h.admin.client.chores.update(archived.id, { archived: true });
    const once = await makeChore(h.admin.client, { name: "Once", nextDueDate: at9(1) });
    await h.admin.client.chores.do(once.id);
    const calendar = await h.admin.client.calendar.get({ from: day(0), to: day(3) });
    expect(ofChore(calendar, archived.id)).toEqual([]);
    // The one-off is done: it shows once, as done, and nothing is ahead.
    expect(ofChore(calendar, once.id).map((o) => o.state)).toEqual(["done"]);
  });
});

describe("occurrences behind", () => {
  it("shows done (with who did it for whom), skipped and missed occurrences on their days", async () => {
    const h = await createHousehold(server, BERLIN);
    const chore = await makeChore(h.admin.client, {
      name: "Feed cat",
      frequency: DAILY,
      nextDueDate: at9(-4),
      assignees: [h.member.user.id],
    });
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    // Done for the member three days late: the occurrences in between passed undone (decision 0031).
    await acting.chores.do(chore.id, { dueDate: chore.nextDueDate });
    const skipped = await makeChore(h.admin.client, { name: "Windows", nextDueDate: at9(-1), assignees: [h.member.user.id] });
    await h.member.client.chores.skip(skipped.id);

    const calendar = await h.member.client.calendar.get({ from: day(-6), to: day(0) });
    const done = ofChore(calendar, chore.id);
    expect(done[0]).toMatchObject({
      day: day(-4),
      state: "done",
      member: { userId: h.member.user.id, displayName: h.member.user.displayName },
      doneBy: { userId: h.admin.user.id, displayName: h.admin.user.displayName },
    });
    expect(done[0]!.doneAt).not.toBeNull();
    expect(done.slice(1, 4).map((o) => [o.day, o.state, o.doneBy])).toEqual([
      [day(-3), "missed", null],
      [day(-2), "missed", null],
      [day(-1), "missed", null],
    ]);
    expect(ofChore(calendar, skipped.id).map(summary)).toEqual([[day(-1), "skipped", h.member.user.displayName]]);
    // Whose it was decides whose calendar it is in.
    expect(ofChore(await h.admin.client.calendar.get({ from: day(-6), to: day(0) }), chore.id)).toEqual([]);
    expect(ofChore(await h.admin.client.calendar.get({ from: day(-6), to: day(0), member: "everyone" }), chore.id)).toHaveLength(
      done.length,
    );
  });
});

describe("who sees what", () => {
  let h: TestCircle;
  let secretId: number;
  beforeAll(async () => {
    h = await createHousehold(server, BERLIN);
    const secret = await makeChore(h.manager.client, {
      name: "Present",
      isPrivate: true,
      nextDueDate: at9(1),
      assignees: [h.manager.user.id],
    });
    secretId = secret.id;
  });

  it("hides a private chore from everyone's calendar but its creator's and assignees'", async () => {
    const everyone = { from: day(0), to: day(2), member: "everyone" } as const;
    expect(ofChore(await h.member.client.calendar.get(everyone), secretId)).toEqual([]);
    expect(ofChore(await h.admin.client.calendar.get({ ...everyone, member: String(h.manager.user.id) }), secretId)).toEqual([]);
    expect(ofChore(await h.manager.client.calendar.get(everyone), secretId)).toHaveLength(1);
  });

  it("while viewing as a member, shows their calendar and refuses anyone else's", async () => {
    const mine = await makeChore(h.admin.client, { name: "Member's", nextDueDate: at9(1), assignees: [h.member.user.id] });
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "view" });
    const viewing = server.client(h.admin.token);
    viewing.setImpersonateUserId(h.member.user.id);
    const range = { from: day(0), to: day(2) };
    const calendar = await viewing.calendar.get(range);
    expect(calendar.member).toBe(h.member.user.id);
    expect(calendar.occurrences.map((o) => o.choreId)).toEqual([mine.id]);
    expect((await viewing.calendar.get({ ...range, member: String(h.member.user.id) })).member).toBe(h.member.user.id);
    await expectApiError(viewing.calendar.get({ ...range, member: "everyone" }), 403, "forbidden");
    await expectApiError(viewing.calendar.get({ ...range, member: String(h.admin.user.id) }), 403, "forbidden");
    await h.admin.client.impersonation.end();
  });

  it("refuses a member of another circle", async () => {
    const stranger = await signUp(server);
    await expectApiError(h.admin.client.calendar.get({ from: day(0), to: day(2), member: String(stranger.user.id) }), 404, "not_found");
  });
});

describe("the range", () => {
  let h: TestCircle;
  beforeAll(async () => {
    h = await createHousehold(server, BERLIN);
  });

  it.each([
    ["more than 45 days", { from: day(0), to: day(45) }, "to"],
    ["an end before the start", { from: day(1), to: day(0) }, "to"],
    ["a malformed start", { from: "tomorrow", to: day(0) }, "from"],
    ["an unknown member selector", { from: day(0), to: day(1), member: "all" }, "member"],
  ])("refuses %s, naming the field", async (_case, query, field) => {
    await expectInvalidField(h.admin.client.calendar.get(query), field);
  });

  it("takes 45 days", async () => {
    expect((await h.admin.client.calendar.get({ from: day(0), to: day(44) })).to).toBe(day(44));
  });

  it("costs the same few statements however many chores and history rows there are", async () => {
    const path = `/calendar?from=${day(-20)}&to=${day(20)}&member=everyone`;
    const before = await rawRequest(server, h.admin, "GET", path);
    expect(before.status).toBe(200);
    for (let index = 0; index < 5; index++) {
      const chore = await makeChore(h.admin.client, {
        name: `Chore ${index}`,
        frequency: DAILY,
        nextDueDate: at9(-3),
        assignees: [h.member.user.id],
      });
      await h.member.client.chores.do(chore.id, { dueDate: chore.nextDueDate });
    }
    const after = await rawRequest(server, h.admin, "GET", path);
    expect(after.status).toBe(200);
    // Identity, then members, chores, away periods and history.
    expect(after.sqlStatements).toBeLessThanOrEqual(5);
    expect(after.sqlStatements).toBe(before.sqlStatements);
  });
});

describe("the circle's locale", () => {
  it("is en-US by default, so weeks start on Sunday; an admin changes it, and the first day with it", async () => {
    const h = await createHousehold(server, BERLIN);
    expect((await h.member.client.circles.current()).locale).toBe("en-US");
    const range = { from: day(0), to: day(1) };
    expect((await h.member.client.calendar.get(range)).weekStart).toBe(7);
    expect((await h.admin.client.circles.update({ locale: "de-de" })).locale).toBe("de-DE");
    expect(await h.member.client.calendar.get(range)).toMatchObject({ locale: "de-DE", weekStart: 1 });
    await h.admin.client.circles.update({ locale: "ar-EG" });
    expect((await h.member.client.calendar.get(range)).weekStart).toBe(6);
    const { events } = await h.admin.client.circles.audit({ action: "circle.updated" });
    expect(events[0]).toMatchObject({ actorUserId: h.admin.user.id, payload: { changes: { locale: "ar-EG" } } });
  });

  it("refuses a tag that is not BCP 47, and a member changing it", async () => {
    const h = await createHousehold(server, BERLIN);
    await expectInvalidField(h.admin.client.circles.update({ locale: "en_US!" }), "locale");
    await expectInvalidField(h.admin.client.circles.update({ locale: "x".repeat(36) }), "locale");
    await expectApiError(h.member.client.circles.update({ locale: "de-DE" }), 403, "forbidden");
  });
});
