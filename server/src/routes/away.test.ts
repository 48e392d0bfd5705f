/**
 * Away mode over HTTP (docs/decisions/0034-away-mode.md): who may set away days and a
 * circle pause, the bounds, the audit; and what away changes — rotation passes the member
 * over, reminders pause, penalties do not apply. Runs on PGlite, and on PostgreSQL with
 * TEST_DATABASE_URL (the penalty rule is SQL).
 */
import type { CreateChoreRequest } from "@chorus/shared";
import { DateTime } from "luxon";
import { createLogger } from "../logger";
import { createReminderScheduler } from "../reminders/scheduler";
import { applyDuePenalties } from "../services/penalties";
import { expectInvalidField, makeChore } from "../test/choreFactories";
import { createHousehold, expectApiError, type TestCircle } from "../test/factories";
import { startTestServer, testConfig, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const logger = createLogger("silent");
/** A day ten days ahead (UTC, the test circles' zone), and one occurrence due on it at 18:00. */
const day = (offset: number) => DateTime.utc().plus({ days: offset }).toISODate();
const AWAY_DAY = day(10);
const DUE = `${AWAY_DAY}T18:00:00.000Z`;
const afterDue = (minutes: number) => new Date(Date.parse(DUE) + minutes * 60_000);

function chore(h: TestCircle, overrides: Partial<CreateChoreRequest> = {}) {
  return makeChore(h.admin.client, {
    name: "Dishes",
    frequency: { type: "daily" },
    nextDueDate: DUE,
    assignees: [h.member.user.id],
    ...overrides,
  });
}

describe("setting away days", () => {
  it("lets a member set and remove their own, listed for the circle and audited", async () => {
    const h = await createHousehold(server);
    const period = await h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: day(1), endsOn: day(3) });
    expect(period).toEqual({
      id: expect.any(Number),
      member: { id: h.member.user.id, displayName: h.member.user.displayName },
      startsOn: day(1),
      endsOn: day(3),
      startsAt: `${day(1)}T00:00:00.000Z`,
      endsAt: `${day(4)}T00:00:00.000Z`,
    });
    expect((await h.admin.client.circles.awayPeriods()).periods).toEqual([period]);
    await h.member.client.circles.deleteAwayPeriod(period.id);
    expect((await h.manager.client.circles.awayPeriods()).periods).toEqual([]);
    const events = await server.db.prisma.auditEvent.findMany({
      where: { action: { in: ["member.away_set", "member.away_removed"] }, entityId: String(h.member.user.id) },
      orderBy: { id: "asc" },
    });
    expect(events).toMatchObject([
      { action: "member.away_set", actorUserId: h.member.user.id, payload: { awayPeriodId: period.id, startsOn: day(1), endsOn: day(3) } },
      { action: "member.away_removed", actorUserId: h.member.user.id, payload: { awayPeriodId: period.id, startsOn: day(1) } },
    ]);
  });

  it("takes whole days in the circle's zone", async () => {
    const h = await createHousehold(server, "Europe/Berlin");
    const period = await h.admin.client.circles.createAwayPeriod({ userId: h.admin.user.id, startsOn: "2027-07-01", endsOn: "2027-07-01" });
    expect(period).toMatchObject({ startsAt: "2027-06-30T22:00:00.000Z", endsAt: "2027-07-01T22:00:00.000Z" });
  });

  it("lets an admin set a member's days and pause the circle; nobody else sets another's or a pause", async () => {
    const h = await createHousehold(server);
    const forMember = await h.admin.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: day(1), endsOn: day(2) });
    const pause = await h.admin.client.circles.createAwayPeriod({ userId: null, startsOn: day(5), endsOn: day(6) });
    expect(pause.member).toBeNull();
    await expectApiError(
      h.manager.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: day(1), endsOn: day(2) }),
      403,
      "forbidden",
    );
    await expectApiError(h.member.client.circles.createAwayPeriod({ userId: null, startsOn: day(1), endsOn: day(2) }), 403, "forbidden");
    await expectApiError(h.manager.client.circles.deleteAwayPeriod(forMember.id), 403, "forbidden");
    await expectApiError(h.member.client.circles.deleteAwayPeriod(pause.id), 403, "forbidden");
    await h.admin.client.circles.deleteAwayPeriod(pause.id);
    expect(
      await server.db.prisma.auditEvent.findMany({
        where: { action: { in: ["circle.paused", "circle.pause_removed"] }, actorUserId: h.admin.user.id },
      }),
    ).toHaveLength(2);
  });

  it("is refused while acting as a member, and for someone outside the circle", async () => {
    const h = await createHousehold(server);
    const other = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    await expectApiError(
      acting.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: day(1), endsOn: day(2) }),
      403,
      "impersonation_not_supported",
    );
    expect((await acting.circles.awayPeriods()).periods).toEqual([]);
    await expectApiError(
      h.admin.client.circles.createAwayPeriod({ userId: other.member.user.id, startsOn: day(1), endsOn: day(2) }),
      404,
      "not_found",
    );
    const theirs = await other.member.client.circles.createAwayPeriod({ userId: other.member.user.id, startsOn: day(1), endsOn: day(2) });
    await expectApiError(h.admin.client.circles.deleteAwayPeriod(theirs.id), 404, "not_found");
  });

  it.each([
    ["a last day before the first", { startsOn: day(3), endsOn: day(2) }, "endsOn"],
    ["a period over 366 days", { startsOn: day(1), endsOn: day(367) }, "endsOn"],
    ["a period already over", { startsOn: day(-5), endsOn: day(-1) }, "endsOn"],
    ["a start over two years ahead", { startsOn: day(731), endsOn: day(732) }, "startsOn"],
    ["a malformed day", { startsOn: "2026-13-01", endsOn: day(2) }, "startsOn"],
  ])("refuses %s, naming the field", async (_case, days, field) => {
    const h = await createHousehold(server);
    await expectInvalidField(h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, ...days }), field);
  });

  it("keeps at most 20 periods not yet over per member", async () => {
    const h = await createHousehold(server);
    for (let i = 0; i < 20; i++)
      await h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: day(i + 1), endsOn: day(i + 1) });
    await expectApiError(
      h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: day(30), endsOn: day(30) }),
      409,
      "invalid_state",
    );
    // The circle's pause is counted apart.
    await h.admin.client.circles.createAwayPeriod({ userId: null, startsOn: day(30), endsOn: day(30) });
  });
});

describe("while a member is away", () => {
  it("rotation passes them over for an occurrence in their away days, and not after", async () => {
    const h = await createHousehold(server);
    const rotating = await chore(h, {
      assignees: [h.admin.user.id, h.manager.user.id, h.member.user.id],
      assignmentStrategy: "round_robin",
      nextDueDate: `${day(9)}T18:00:00.000Z`,
    });
    await h.manager.client.circles.createAwayPeriod({ userId: h.manager.user.id, startsOn: day(10), endsOn: day(10) });
    // Due on day 9 for the admin; done, the day-10 occurrence skips the away manager.
    const next = await h.admin.client.chores.do(rotating.id, { dueDate: rotating.nextDueDate! });
    expect(next.nextDueDate).toBe(DUE);
    expect(next.assignedTo).toBe(h.member.user.id);
  });

  it("rotation keeps its order when everyone is away (a circle pause)", async () => {
    const h = await createHousehold(server);
    const rotating = await chore(h, {
      assignees: [h.admin.user.id, h.member.user.id],
      assignmentStrategy: "round_robin",
      nextDueDate: `${day(9)}T18:00:00.000Z`,
    });
    await h.admin.client.circles.createAwayPeriod({ userId: null, startsOn: day(10), endsOn: day(10) });
    const next = await h.admin.client.chores.do(rotating.id, { dueDate: rotating.nextDueDate! });
    expect(next.assignedTo).toBe(h.member.user.id);
  });

  it("charges no penalty for an occurrence due in their away days or a circle pause, and charges one after", async () => {
    const h = await createHousehold(server);
    await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 20, reason: "Start" });
    const mandatory = await chore(h, { penalty: { points: 5, graceMinutes: 0 } });
    const paused = await chore(h, { penalty: { points: 5, graceMinutes: 0 }, nextDueDate: `${day(12)}T18:00:00.000Z` });
    const later = await chore(h, { penalty: { points: 5, graceMinutes: 0 }, nextDueDate: `${day(14)}T18:00:00.000Z` });
    await h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: AWAY_DAY, endsOn: day(11) });
    await h.admin.client.circles.createAwayPeriod({ userId: null, startsOn: day(12), endsOn: day(12) });
    expect(await applyDuePenalties(server.db, logger, new Date(`${day(15)}T00:00:00.000Z`))).toHaveLength(1);
    const charged = await server.db.prisma.chorePenalty.findMany({ where: { choreId: { in: [mandatory.id, paused.id, later.id] } } });
    expect(charged.map(({ choreId }) => choreId)).toEqual([later.id]);
  });

  it("pauses their reminders while away, and for what fell due then", async () => {
    const h = await createHousehold(server);
    const dishes = await chore(h, { nextDueDate: `${day(9)}T18:00:00.000Z` });
    await server.db.prisma.reminderSettings.create({
      data: { userId: h.member.user.id, webhookUrl: "http://127.0.0.1:9/hook", webhookSecret: "secret" },
    });
    await h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: AWAY_DAY, endsOn: AWAY_DAY });
    const scheduler = createReminderScheduler({ db: server.db, config: testConfig(), logger });
    const deliveries = () => server.db.prisma.reminderDelivery.count({ where: { choreId: dishes.id } });
    // Due on day 9, but the member is away on day 10: nothing goes out then.
    await scheduler.runOnce(afterDue(0));
    expect(await deliveries()).toBe(0);
    // Back on day 11, the day-9 occurrence is reminded (overdue).
    await scheduler.runOnce(afterDue(24 * 60));
    expect(await deliveries()).toBe(1);
  });
});
