/**
 * Seasonal chores over HTTP (docs/decisions/0033-seasonal-chores.md): active months are set on
 * create and edit, shown on the chore, and outside them the chore is not scheduled — creating,
 * editing and doing it moves it to the rule's next date in season, in the circle's time zone,
 * so penalties (which follow the due date) do not fall outside it.
 */
import { DateTime } from "luxon";
import { createLogger } from "../logger";
import { applyDuePenalties } from "../services/penalties";
import { expectInvalidField, makeChore } from "../test/choreFactories";
import { createHousehold } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const BERLIN = "Europe/Berlin";
const APRIL_TO_OCTOBER = [4, 5, 6, 7, 8, 9, 10];
const berlin = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone: BERLIN }).toFormat("yyyy-MM-dd'T'HH:mm") : null);

describe("seasonal chores", () => {
  it("are set on create, listed ascending, changed and cleared by an edit, and audited", async () => {
    const h = await createHousehold(server, BERLIN);
    const chore = await makeChore(h.admin.client, {
      frequency: { type: "weekly", weekdays: [6] },
      nextDueDate: "2026-06-06T08:00:00.000Z",
      activeMonths: [10, 4, 5, 6, 7, 8, 9],
    });
    expect(chore.activeMonths).toEqual(APRIL_TO_OCTOBER);
    expect((await h.admin.client.chores.list()).chores.find(({ id }) => id === chore.id)?.activeMonths).toEqual(APRIL_TO_OCTOBER);

    // All twelve months is all year, as is null.
    const allYear = await h.admin.client.chores.update(chore.id, { activeMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(allYear.activeMonths).toBeNull();
    expect(allYear.nextDueDate).toBe(chore.nextDueDate);
    expect((await h.admin.client.chores.update(chore.id, { activeMonths: [11, 12, 1, 2] })).activeMonths).toEqual([1, 2, 11, 12]);
    expect((await h.admin.client.chores.update(chore.id, { activeMonths: null })).activeMonths).toBeNull();

    const events = await server.db.prisma.auditEvent.findMany({
      where: { entityType: "chore", entityId: String(chore.id), action: "chore.updated" },
    });
    expect(events.map(({ payload }) => (payload as { changes: { activeMonths?: unknown } }).changes.activeMonths)).toContainEqual([
      11, 12, 1, 2,
    ]);
  });

  it.each([
    ["no months (null means all year)", [], "activeMonths"],
    ["month 0", [4, 0], "activeMonths.1"],
    ["month 13", [13], "activeMonths.0"],
    ["a repeated month", [4, 4], "activeMonths"],
    ["a fraction", [4.5], "activeMonths.0"],
  ])("refuses %s, naming the field", async (_case, activeMonths, field) => {
    const h = await createHousehold(server, BERLIN);
    await expectInvalidField(makeChore(h.admin.client, { activeMonths }), field);
    const chore = await makeChore(h.admin.client);
    await expectInvalidField(h.admin.client.chores.update(chore.id, { activeMonths }), field);
  });

  it("created with a date outside the season, starts at the rule's first date inside it, in the circle's zone", async () => {
    const h = await createHousehold(server, BERLIN);
    const chore = await makeChore(h.admin.client, {
      frequency: { type: "weekly", weekdays: [1] },
      nextDueDate: DateTime.fromISO("2026-12-07T18:00", { zone: BERLIN }).toUTC().toISO(),
      activeMonths: APRIL_TO_OCTOBER,
    });
    expect(berlin(chore.nextDueDate)).toBe("2027-04-05T18:00");
  });

  it("created without a date outside the season, is first due on the season's first rule date, at the end of that day", async () => {
    const h = await createHousehold(server, BERLIN);
    const season = DateTime.now().setZone(BERLIN).startOf("month").plus({ months: 2 });
    const chore = await makeChore(h.admin.client, { frequency: { type: "daily" }, activeMonths: [season.month] });
    expect(berlin(chore.nextDueDate)).toBe(season.toFormat("yyyy-MM-dd'T'23:59"));
  });

  it("edited to a season it is outside of, moves on to the next date in season and is current there", async () => {
    const h = await createHousehold(server, BERLIN);
    const due = DateTime.fromISO("2026-12-10T09:00", { zone: BERLIN });
    const chore = await makeChore(h.admin.client, { frequency: { type: "daily" }, nextDueDate: due.toUTC().toISO() });
    const moved = await h.admin.client.chores.update(chore.id, { activeMonths: APRIL_TO_OCTOBER });
    expect(berlin(moved.nextDueDate)).toBe("2027-04-01T09:00");
    expect(moved.currentFrom).toBeNull();
    // Back to all year: it stays where it is, no earlier date is invented.
    expect((await h.admin.client.chores.update(chore.id, { activeMonths: null })).nextDueDate).toBe(moved.nextDueDate);
  });

  it("done on the last date of its season, is next due at the start of the next one", async () => {
    const h = await createHousehold(server, BERLIN);
    const chore = await makeChore(h.admin.client, {
      frequency: { type: "weekly", weekdays: [6] },
      nextDueDate: DateTime.fromISO("2026-10-31T10:00", { zone: BERLIN }).toUTC().toISO(),
      activeMonths: APRIL_TO_OCTOBER,
    });
    const done = await h.admin.client.chores.do(chore.id, { dueDate: chore.nextDueDate });
    expect(berlin(done.nextDueDate)).toBe("2027-04-03T10:00");
    const skipped = await h.admin.client.chores.skip(done.id, { dueDate: done.nextDueDate });
    expect(berlin(skipped.nextDueDate)).toBe("2027-04-10T10:00");
  });

  it("takes no penalty outside its season: the occurrence is not due until the season starts", async () => {
    const h = await createHousehold(server, BERLIN);
    const chore = await makeChore(h.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: DateTime.fromISO("2026-11-15T09:00", { zone: BERLIN }).toUTC().toISO(),
      activeMonths: APRIL_TO_OCTOBER,
      assignees: [h.member.user.id],
      penalty: { points: 3, graceMinutes: 0 },
    });
    expect(berlin(chore.nextDueDate)).toBe("2027-04-01T09:00");
    const logger = createLogger("silent");
    await applyDuePenalties(server.db, logger, new Date("2027-01-15T12:00:00Z"));
    expect(await server.db.prisma.pointsEntry.count({ where: { choreId: chore.id, kind: "penalty" } })).toBe(0);
    await applyDuePenalties(server.db, logger, new Date("2027-04-01T08:00:00Z"));
    expect(await server.db.prisma.pointsEntry.count({ where: { choreId: chore.id, kind: "penalty" } })).toBe(1);
  });
});
