/**
 * Checklists (decision 0032) over real HTTP: items edited with the chore (added, renamed,
 * reordered, removed, bounded), ticked for the current occurrence by the member, an admin
 * acting as them or the tablet, reset for each new occurrence while old ticks stay as
 * history, audited, "all ticked before Done", and parallel ticks resolving once.
 */
import { makeChore } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, uniqueName, type TestCircle } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server);
});
afterAll(() => server.close());

const LONG_AGO = "2024-05-01T09:00:00Z";
const STEPS = [{ text: "Clear the table" }, { text: "Load the dishwasher" }, { text: "Wipe the counter" }];

const dailyChecklist = (overrides: Parameters<typeof makeChore>[1] = {}) =>
  makeChore(home.admin.client, {
    frequency: { type: "daily" },
    nextDueDate: LONG_AGO,
    assignees: [home.member.user.id],
    checklist: STEPS,
    ...overrides,
  });

describe("editing a checklist with the chore", () => {
  it("creates the items in order, then keeps, renames, reorders, adds and removes them by id", async () => {
    const chore = await dailyChecklist();
    expect(chore.checklist.map(({ text, tick }) => ({ text, tick }))).toEqual(STEPS.map(({ text }) => ({ text, tick: null })));
    expect(chore.checklistRequired).toBe(false);
    const [clear, load, wipe] = chore.checklist;
    await home.member.client.chores.tick(chore.id, load!.id, { ticked: true });

    const edited = await home.admin.client.chores.update(chore.id, {
      checklist: [{ id: load!.id, text: "Load and start the dishwasher" }, { text: "Sweep" }, { id: clear!.id, text: clear!.text }],
    });
    expect(edited.checklist.map(({ text }) => text)).toEqual(["Load and start the dishwasher", "Sweep", "Clear the table"]);
    // The kept item keeps its id and its tick; the removed one is gone.
    expect(edited.checklist[0]).toMatchObject({ id: load!.id, tick: { tickedBy: home.member.user.id } });
    expect(edited.checklist.map(({ id }) => id)).not.toContain(wipe!.id);
    expect((await home.member.client.chores.get(chore.id)).checklist).toEqual(edited.checklist);
    // Sending other fields leaves the checklist as it is; an empty list removes it.
    expect((await home.admin.client.chores.update(chore.id, { points: 3 })).checklist).toEqual(edited.checklist);
    expect((await home.admin.client.chores.update(chore.id, { checklist: [] })).checklist).toEqual([]);
  });

  it("refuses bad lists with 400 validation_failed naming the checklist field, changing nothing", async () => {
    const chore = await dailyChecklist();
    const other = await dailyChecklist();
    const bad = [
      Array.from({ length: 31 }, (_, index) => ({ text: `Step ${index}` })),
      [{ text: "x".repeat(201) }],
      [{ text: "   " }],
      [
        { id: chore.checklist[0]!.id, text: "a" },
        { id: chore.checklist[0]!.id, text: "b" },
      ],
      // Another chore's item.
      [{ id: other.checklist[0]!.id, text: "Stolen" }],
    ];
    for (const checklist of bad) {
      const error = (await home.admin.client.chores.update(chore.id, { checklist }).catch((caught: unknown) => caught)) as {
        status: number;
        code: string;
        details: { fields: Record<string, string> };
      };
      expect([error.status, error.code]).toEqual([400, "validation_failed"]);
      // "checklist", or the item's field: "checklist.0.text".
      expect(Object.keys(error.details.fields)).toEqual([expect.stringMatching(/^checklist(\.|$)/)]);
    }
    expect((await home.admin.client.chores.get(chore.id)).checklist).toEqual(chore.checklist);
    expect((await home.admin.client.chores.get(other.id)).checklist).toEqual(other.checklist);
  });

  it("is edited only by those who may edit the chore", async () => {
    const chore = await dailyChecklist();
    await expectApiError(home.member.client.chores.update(chore.id, { checklist: [{ text: "Mine now" }] }), 403, "forbidden");
  });
});

describe("ticking", () => {
  it("the member ticks and unticks for the current occurrence; each is audited; a new occurrence starts unticked", async () => {
    const chore = await dailyChecklist();
    const [first, second] = chore.checklist;
    const ticked = await home.member.client.chores.tick(chore.id, first!.id, { ticked: true, dueDate: chore.nextDueDate });
    expect(ticked.checklist[0]!.tick).toEqual({
      tickedBy: home.member.user.id,
      performedAs: home.member.user.id,
      tickedAt: expect.any(String),
    });
    expect(ticked.version).toBe(chore.version + 1);
    // Ticking again changes nothing.
    expect((await home.member.client.chores.tick(chore.id, first!.id, { ticked: true })).version).toBe(ticked.version);
    await home.member.client.chores.tick(chore.id, second!.id, { ticked: true });
    const unticked = await home.member.client.chores.tick(chore.id, second!.id, { ticked: false });
    expect(unticked.checklist.map(({ tick }) => tick !== null)).toEqual([true, false, false]);

    const { events } = await home.admin.client.circles.audit({ action: "chore.checklist_ticked" });
    expect(events.filter(({ entityId }) => entityId === String(chore.id))).toHaveLength(2);
    const [untick] = (await home.admin.client.circles.audit({ action: "chore.checklist_unticked" })).events;
    expect(untick).toMatchObject({ actorUserId: home.member.user.id, entityId: String(chore.id), payload: { itemId: second!.id } });

    const done = await home.member.client.chores.do(chore.id);
    expect(done.nextDueDate).not.toBe(chore.nextDueDate);
    expect(done.checklist.map(({ tick }) => tick)).toEqual([null, null, null]);
    // The old occurrence's tick is kept as history.
    const kept = await server.db.prisma.choreChecklistTick.findMany({ where: { choreId: chore.id } });
    expect(kept.map(({ itemId, dueDate }) => [itemId, dueDate?.toISOString()])).toEqual([[first!.id, new Date(LONG_AGO).toISOString()]]);
    // A tick naming the old occurrence is stale.
    await expectApiError(
      home.member.client.chores.tick(chore.id, first!.id, { ticked: true, dueDate: chore.nextDueDate }),
      409,
      "stale_occurrence",
    );
  });

  it("an admin acting as the member ticks for them (actor and subject recorded); the tablet ticks for the picked member", async () => {
    const chore = await dailyChecklist();
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(home.member.user.id);
    const ticked = await acting.chores.tick(chore.id, chore.checklist[0]!.id, { ticked: true });
    expect(ticked.checklist[0]!.tick).toMatchObject({ tickedBy: home.admin.user.id, performedAs: home.member.user.id });
    const [event] = (await home.admin.client.circles.audit({ action: "chore.checklist_ticked", subjectUserId: home.member.user.id }))
      .events;
    expect(event).toMatchObject({ actorUserId: home.admin.user.id, subjectUserId: home.member.user.id, entityId: String(chore.id) });

    const child = await home.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Kid", pin: "2468" });
    const kidChore = await dailyChecklist({ assignees: [child.userId] });
    const { id: deviceId, token } = await home.admin.client.circles.createDevice({ name: "Kitchen tablet" });
    const tablet = server.client(token);
    tablet.setTabletMember(child.userId, "2468");
    await tablet.chores.tick(kidChore.id, kidChore.checklist[1]!.id, { ticked: true });
    expect(await server.db.prisma.choreChecklistTick.findFirst({ where: { choreId: kidChore.id } })).toMatchObject({
      tickedById: child.userId,
      performedAsId: child.userId,
      viaDeviceId: deviceId,
    });
    const { chores } = await tablet.chores.list();
    expect(chores.find(({ id }) => id === kidChore.id)!.checklist.map(({ tick }) => tick !== null)).toEqual([false, true, false]);
  });

  it("is refused to those who may not act on the chore and for items of other chores", async () => {
    const chore = await dailyChecklist();
    const other = await addMember(server, home.admin, "member", { username: uniqueName("other") });
    await expectApiError(other.client.chores.tick(chore.id, chore.checklist[0]!.id, { ticked: true }), 403, "forbidden");
    const elsewhere = await dailyChecklist();
    await expectApiError(home.member.client.chores.tick(chore.id, elsewhere.checklist[0]!.id, { ticked: true }), 404, "not_found");
    const stranger = await createHousehold(server);
    await expectApiError(stranger.admin.client.chores.tick(chore.id, chore.checklist[0]!.id, { ticked: true }), 404, "not_found");
    await expectApiError(home.member.client.chores.tick(chore.id, chore.checklist[0]!.id, {} as never), 400, "validation_failed");
    expect(await server.db.prisma.choreChecklistTick.count({ where: { choreId: { in: [chore.id, elsewhere.id] } } })).toBe(0);
  });
});

describe("all ticked before Done", () => {
  it("refuses a do with 409 checklist_incomplete until every item is ticked; skip needs no ticks", async () => {
    const chore = await dailyChecklist({ checklistRequired: true });
    expect(chore.checklistRequired).toBe(true);
    await expect(home.member.client.chores.do(chore.id)).rejects.toMatchObject({
      status: 409,
      code: "checklist_incomplete",
      details: { remaining: 3 },
    });
    for (const item of chore.checklist.slice(0, 2)) await home.member.client.chores.tick(chore.id, item.id, { ticked: true });
    await expect(home.member.client.chores.do(chore.id)).rejects.toMatchObject({ code: "checklist_incomplete", details: { remaining: 1 } });
    expect((await home.member.client.chores.history(chore.id)).history).toEqual([]);
    await home.member.client.chores.tick(chore.id, chore.checklist[2]!.id, { ticked: true });
    const done = await home.member.client.chores.do(chore.id);
    // The next occurrence starts over.
    await expectApiError(home.member.client.chores.do(chore.id, { dueDate: done.nextDueDate }), 409, "checklist_incomplete");
    await home.member.client.chores.skip(chore.id, { dueDate: done.nextDueDate });
  });
});

describe("parallel ticks of one item", () => {
  it("write one tick and one audit event", async () => {
    const chore = await dailyChecklist();
    const item = chore.checklist[0]!;
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(home.member.user.id);
    const results = await Promise.allSettled(
      [home.member.client, acting, home.member.client, acting].map((client) => client.chores.tick(chore.id, item.id, { ticked: true })),
    );
    expect(results.map(({ status }) => status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(await server.db.prisma.choreChecklistTick.count({ where: { itemId: item.id } })).toBe(1);
    const { events } = await home.admin.client.circles.audit({ action: "chore.checklist_ticked" });
    expect(events.filter(({ entityId }) => entityId === String(chore.id))).toHaveLength(1);
  });
});
