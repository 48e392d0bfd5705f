/**
 * Shared chores (decision 0035) over real HTTP, on PGlite and (TEST_DATABASE_URL) PostgreSQL:
 * everyone chores (a part each, points each, complete when every present assignee's part is
 * resolved), anyone chores (claim, release, first claim wins), "only the current assignee
 * completes", acting as a member and the tablet, audit, and parallel requests resolving once.
 */
import type { Chore, ChorusClient } from "@chorus/shared";
import { makeChore, pointsByUser, rawRequest } from "../test/choreFactories";
import { addMember, createHousehold, signUp, expectApiError, uniqueName, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, testConfig, type TestServer } from "../test/harness";
import { createReminderScheduler } from "../reminders/scheduler";
import { createLogger } from "../logger";
import { MAX_SKIPPED_OVER, recordMissedOccurrences } from "../services/missed";
import { applyDuePenalties } from "../services/penalties";

let server: TestServer;
let home: TestCircle;
let kim: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server);
  kim = await addMember(server, home.admin, "member", { username: uniqueName("kim") });
});
afterAll(() => server.close());

const LONG_AGO = "2024-05-01T09:00:00Z";
const actingAs = (actor: TestUser, userId: number): ChorusClient => {
  const client = server.client(actor.token);
  client.setImpersonateUserId(userId);
  return client;
};
const stateOf = (chore: Chore) => Object.fromEntries((chore.parts ?? []).map(({ userId, state }) => [userId, state]));
const mine = async (client: ChorusClient) => (await client.chores.list({ assignedTo: "me" })).chores.map(({ id }) => id);

describe("everyone", () => {
  const everyone = () =>
    makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, home.manager.user.id, kim.user.id],
      assignmentMode: "everyone",
      points: 5,
    });

  it("gives each assignee a part, credits each doer, and completes the occurrence when every part is resolved", async () => {
    const chore = await everyone();
    expect(chore).toMatchObject({ assignmentMode: "everyone", assignedTo: null, onlyAssigneeCompletes: false });
    expect(Object.values(stateOf(chore))).toEqual(["open", "open", "open"]);
    const before = await pointsByUser(home.admin.client);

    const first = await home.member.client.chores.do(chore.id);
    expect(first.nextDueDate).toBe(chore.nextDueDate);
    expect(stateOf(first)).toEqual({ [home.member.user.id]: "done", [home.manager.user.id]: "open", [kim.user.id]: "open" });
    // My tasks lists it for those whose part is open, also while an admin views as them.
    expect(await mine(home.member.client)).not.toContain(chore.id);
    expect(await mine(kim.client)).toContain(chore.id);
    expect((await actingAs(home.admin, kim.user.id).chores.list()).chores.map(({ id }) => id)).toContain(chore.id);
    await expectApiError(home.member.client.chores.do(chore.id), 409, "part_already_resolved");
    // The abilities say so: Done is for those whose part is open.
    expect(first.abilities.canComplete).toBe(false);
    expect((await kim.client.chores.get(chore.id)).abilities.canComplete).toBe(true);
    expect((await home.admin.client.chores.get(chore.id)).abilities).toMatchObject({ canAct: true, canComplete: false });
    // An admin in their own name has no part; acting as Kim they do hers, attributed as usual.
    await expectApiError(home.admin.client.chores.do(chore.id), 403, "not_an_assignee");
    const second = await actingAs(home.admin, kim.user.id).chores.do(chore.id);
    expect(second).toMatchObject({ updatedBy: home.admin.user.id, performedAs: kim.user.id, nextDueDate: chore.nextDueDate });

    const last = await home.manager.client.chores.skip(chore.id);
    expect(Date.parse(last.nextDueDate!)).toBeGreaterThan(Date.now());
    expect(Object.values(stateOf(last))).toEqual(["open", "open", "open"]);
    // Less the occurrences since LONG_AGO it jumped over, missed by all three.
    const history = (await home.admin.client.chores.history(chore.id)).history.filter(({ action }) => action !== "missed");
    expect(
      history.map(({ action, performedAs, points }) => ({ action, performedAs, points })).sort((a, b) => a.performedAs - b.performedAs),
    ).toEqual(
      [
        { action: "completed", performedAs: home.member.user.id, points: 5 },
        { action: "skipped", performedAs: home.manager.user.id, points: 0 },
        { action: "completed", performedAs: kim.user.id, points: 5 },
      ].sort((a, b) => a.performedAs - b.performedAs),
    );
    const after = await pointsByUser(home.admin.client);
    expect(after.get(home.member.user.id)! - before.get(home.member.user.id)!).toBe(5);
    expect(after.get(kim.user.id)! - before.get(kim.user.id)!).toBe(5);
    expect(after.get(home.manager.user.id)).toBe(before.get(home.manager.user.id));
    const { events } = await home.admin.client.circles.audit({ action: "chore.completed", subjectUserId: kim.user.id });
    expect(events.find(({ entityId }) => entityId === String(chore.id))).toMatchObject({
      actorUserId: home.admin.user.id,
      payload: expect.objectContaining({ part: true, points: 5 }),
    });
  });

  it("undoes one part; skips the whole occurrence only for admins and managers", async () => {
    const chore = await everyone();
    await home.member.client.chores.do(chore.id);
    const undone = await home.member.client.chores.undo(chore.id);
    expect(stateOf(undone)[home.member.user.id]).toBe("open");
    await home.member.client.chores.do(chore.id);
    expect((await home.member.client.chores.get(chore.id)).abilities.canSkipWhole).toBe(false);
    expect((await actingAs(home.admin, kim.user.id).chores.get(chore.id)).abilities.canSkipWhole).toBe(false);
    expect((await home.admin.client.chores.get(chore.id)).abilities.canSkipWhole).toBe(true);
    await expectApiError(home.member.client.chores.skip(chore.id, { whole: true }), 403, "forbidden");
    await expectApiError(actingAs(home.admin, kim.user.id).chores.skip(chore.id, { whole: true }), 403, "forbidden");
    const skipped = await home.admin.client.chores.skip(chore.id, { whole: true });
    expect(Date.parse(skipped.nextDueDate!)).toBeGreaterThan(Date.now());
    expect(Object.values(stateOf(skipped))).toEqual(["open", "open", "open"]);
  });

  it("waits for approval part by part: approving a member's part credits it and leaves the others open", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, kim.user.id],
      assignmentMode: "everyone",
      needsApproval: true,
      points: 4,
    });
    const waiting = await home.member.client.chores.do(chore.id);
    expect(waiting.approval).toMatchObject({ status: "pending" });
    await expectApiError(kim.client.chores.do(chore.id), 409, "awaiting_approval");
    const approved = await home.admin.client.approvals.approve((waiting.approval as { approvalId: number }).approvalId, {});
    expect(approved).toBeDefined();
    const after = await home.admin.client.chores.get(chore.id);
    expect(after).toMatchObject({ nextDueDate: chore.nextDueDate, approval: null });
    expect(stateOf(after)).toEqual({ [home.member.user.id]: "done", [kim.user.id]: "open" });
    const earned = await server.db.prisma.pointsEntry.findMany({ where: { choreId: chore.id, kind: "earned" } });
    expect(earned).toMatchObject([{ userId: home.member.user.id, amount: 4, actorUserId: home.admin.user.id }]);
  });

  it("is not held back by an away assignee's part", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: `${day(2)}T12:00:00Z`,
      assignees: [home.member.user.id, kim.user.id],
      assignmentMode: "everyone",
    });
    const away = await kim.client.circles.createAwayPeriod({ userId: kim.user.id, startsOn: day(1), endsOn: day(3) });
    // Kim's part is shown as away, in the list as in the chore read alone.
    const listed = (await home.member.client.chores.list()).chores.find(({ id }) => id === chore.id)!;
    expect(stateOf(listed)).toEqual({ [home.member.user.id]: "open", [kim.user.id]: "away" });
    expect(stateOf(await home.admin.client.chores.get(chore.id))).toEqual(stateOf(listed));
    expect(stateOf(await home.admin.client.chores.update(chore.id, { description: "Every room" }))).toEqual(stateOf(listed));
    const done = await home.member.client.chores.do(chore.id);
    expect(Date.parse(done.nextDueDate!)).toBeGreaterThan(Date.parse(chore.nextDueDate!));
    await kim.client.circles.deleteAwayPeriod(away.id);
  });
});

describe("anyone", () => {
  const pool = (overrides: Parameters<typeof makeChore>[1] = {}) =>
    makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, kim.user.id],
      assignmentMode: "anyone",
      points: 3,
      ...overrides,
    });

  it("is open to every assignee until claimed; the first claim wins; the claimer or an admin releases", async () => {
    const chore = await pool();
    expect(chore.assignedTo).toBeNull();
    expect(await mine(home.member.client)).toContain(chore.id);
    expect(await mine(kim.client)).toContain(chore.id);

    expect(chore.abilities).toMatchObject({ canClaim: false, canRelease: false });
    expect((await kim.client.chores.get(chore.id)).abilities).toMatchObject({ canClaim: true, canRelease: false });
    const claimed = await actingAs(home.admin, kim.user.id).chores.claim(chore.id);
    expect(claimed.abilities).toMatchObject({ canClaim: false, canRelease: true });
    expect((await home.member.client.chores.get(chore.id)).abilities).toMatchObject({ canClaim: false, canRelease: false });
    expect((await home.manager.client.chores.get(chore.id)).abilities).toMatchObject({ canClaim: false, canRelease: true });
    expect(claimed).toMatchObject({ assignedTo: kim.user.id, updatedBy: home.admin.user.id, performedAs: kim.user.id });
    expect((await kim.client.chores.claim(chore.id)).assignedTo).toBe(kim.user.id);
    await expect(home.member.client.chores.claim(chore.id)).rejects.toMatchObject({
      status: 409,
      code: "already_claimed",
      details: { claimedBy: kim.user.id },
    });
    expect(await mine(home.member.client)).not.toContain(chore.id);
    await expectApiError(home.admin.client.chores.claim(chore.id), 403, "not_an_assignee");
    await expectApiError(home.member.client.chores.release(chore.id), 403, "forbidden");
    const released = await home.manager.client.chores.release(chore.id);
    expect(released.assignedTo).toBeNull();
    await expectApiError(kim.client.chores.release(chore.id), 409, "not_claimed");
    const [event] = (await home.admin.client.circles.audit({ action: "chore.claimed", subjectUserId: kim.user.id })).events;
    expect(event).toMatchObject({ actorUserId: home.admin.user.id, entityId: String(chore.id), payload: { claimedBy: kim.user.id } });
    const [release] = (await home.admin.client.circles.audit({ action: "chore.released", actorUserId: home.manager.user.id })).events;
    expect(release).toMatchObject({ entityId: String(chore.id), payload: expect.objectContaining({ claimedBy: kim.user.id }) });
  });

  it("may be done by any assignee directly; the next occurrence is open again", async () => {
    const chore = await pool();
    const done = await home.member.client.chores.do(chore.id);
    expect(done).toMatchObject({ assignedTo: null, performedAs: home.member.user.id });
    expect(Date.parse(done.nextDueDate!)).toBeGreaterThan(Date.now());
    const rotation = await makeChore(home.admin.client, { assignees: [home.member.user.id] });
    await expectApiError(home.member.client.chores.claim(rotation.id), 409, "invalid_state");
  });

  it("is claimed and done from the wall tablet for the picked child", async () => {
    const child = await home.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Kid", pin: "1357" });
    const chore = await pool({ assignees: [child.userId, home.member.user.id] });
    const { id: deviceId, token } = await home.admin.client.circles.createDevice({ name: "Hall tablet" });
    const tablet = server.client(token);
    tablet.setTabletMember(child.userId, "1357");
    expect((await tablet.chores.list()).chores.map(({ id }) => id)).toContain(chore.id);
    expect(await tablet.chores.claim(chore.id)).toMatchObject({ assignedTo: child.userId, viaDeviceId: deviceId });
    const done = await tablet.chores.do(chore.id);
    expect(done).toMatchObject({ assignedTo: null, performedAs: child.userId });
  });
});

describe("only the current assignee completes", () => {
  it("refuses other assignees and admins in their own name with 403 not_current_assignee; acting as the assignee works", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, home.manager.user.id],
      assignedTo: home.member.user.id,
      assignmentStrategy: "round_robin",
      onlyAssigneeCompletes: true,
    });
    expect((await home.manager.client.chores.get(chore.id)).abilities).toMatchObject({ canAct: true, canComplete: false });
    expect((await home.member.client.chores.get(chore.id)).abilities.canComplete).toBe(true);
    await expectApiError(home.manager.client.chores.do(chore.id), 403, "not_current_assignee");
    await expectApiError(home.admin.client.chores.do(chore.id), 403, "not_current_assignee");
    const done = await actingAs(home.admin, home.member.user.id).chores.do(chore.id);
    expect(done).toMatchObject({ updatedBy: home.admin.user.id, performedAs: home.member.user.id, assignedTo: home.manager.user.id });
    // Skipping is not completing: the rule is about who earns the points.
    await home.member.client.chores.skip(chore.id);
  });

  it("binds an anyone chore to its claimer; unclaimed, any assignee completes", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, kim.user.id],
      assignmentMode: "anyone",
      onlyAssigneeCompletes: true,
    });
    await kim.client.chores.claim(chore.id);
    await expectApiError(home.member.client.chores.do(chore.id), 403, "not_current_assignee");
    await kim.client.chores.release(chore.id);
    expect((await home.member.client.chores.do(chore.id)).performedAs).toBe(home.member.user.id);
  });

  it("refuses setting an assignee on a shared chore", async () => {
    await expectApiError(
      makeChore(home.admin.client, { assignees: [kim.user.id], assignedTo: kim.user.id, assignmentMode: "anyone" }),
      400,
      "validation_failed",
    );
  });
});

describe("the list's SQL budget", () => {
  it("reads every shared chore's parts and claim in the list's statement: as many statements for 20 as for 1", async () => {
    const owner = await signUp(server);
    const helper = await addMember(server, owner);
    const shared = (assignmentMode: "everyone" | "anyone") =>
      makeChore(owner.client, { frequency: { type: "daily" }, assignees: [owner.user.id, helper.user.id], assignmentMode });
    await helper.client.chores.do((await shared("everyone")).id);
    const one = await rawRequest(server, owner, "GET", "/chores?assignedTo=me");
    for (let i = 0; i < 10; i += 1) await helper.client.chores.do((await shared("everyone")).id);
    for (let i = 0; i < 9; i += 1) await helper.client.chores.claim((await shared("anyone")).id);
    const many = await rawRequest(server, owner, "GET", "/chores?assignedTo=me");
    expect(many.status).toBe(200);
    expect(many.sqlStatements).toBe(one.sqlStatements);
    expect(many.sqlStatements).toBeLessThanOrEqual(4);
  });
});

describe("reminders", () => {
  it("go to those whose part is left, to an unclaimed pool, and to the claimer only", async () => {
    const h = await createHousehold(server);
    const other = await addMember(server, h.admin, "member", { username: uniqueName("other") });
    for (const user of [h.member, h.manager, other]) {
      await server.db.prisma.reminderSettings.create({
        data: { userId: user.user.id, webhookUrl: "http://127.0.0.1:9/hook", webhookSecret: "secret" },
      });
    }
    const shared = (assignmentMode: "everyone" | "anyone") =>
      makeChore(h.admin.client, {
        frequency: { type: "daily" },
        nextDueDate: LONG_AGO,
        assignees: [h.member.user.id, h.manager.user.id, other.user.id],
        assignmentMode,
      });
    const [parts, pool, claimed] = [await shared("everyone"), await shared("anyone"), await shared("anyone")];
    await h.member.client.chores.do(parts.id);
    await other.client.chores.claim(claimed.id);
    const scheduler = createReminderScheduler({ db: server.db, config: testConfig(), logger: createLogger("silent") });
    await scheduler.runOnce(new Date());
    const remindedFor = async (choreId: number) =>
      (await server.db.prisma.reminderDelivery.findMany({ where: { choreId } })).map(({ userId }) => userId).sort((a, b) => a - b);
    const ids = (...users: TestUser[]) => users.map(({ user }) => user.id).sort((a, b) => a - b);
    expect(await remindedFor(parts.id)).toEqual(ids(h.manager, other));
    expect(await remindedFor(pool.id)).toEqual(ids(h.member, h.manager, other));
    expect(await remindedFor(claimed.id)).toEqual(ids(other));
  });
});

describe("missed occurrences and penalties", () => {
  it("are recorded and charged once for each member whose part was open, or the unclaimed pool, or the claimer", async () => {
    const h = await createHousehold(server);
    const other = await addMember(server, h.admin, "member", { username: uniqueName("other") });
    await h.admin.client.circles.adjustPoints(other.user.id, { amount: 10, reason: "Start" });
    const shared = (assignmentMode: "everyone" | "anyone") =>
      makeChore(h.admin.client, {
        frequency: { type: "daily" },
        nextDueDate: LONG_AGO,
        assignees: [h.member.user.id, h.manager.user.id, other.user.id],
        assignmentMode,
        penalty: { points: 2, graceMinutes: 0 },
      });
    const [parts, pool, claimed] = [await shared("everyone"), await shared("anyone"), await shared("anyone")];
    await h.member.client.chores.do(parts.id);
    await other.client.chores.claim(claimed.id);
    const logger = createLogger("silent");
    for (let tick = 0; tick < 2; tick++) {
      await recordMissedOccurrences(server.db, logger);
      await applyDuePenalties(server.db, logger);
    }
    const ids = (...users: TestUser[]) => users.map(({ user }) => user.id).sort((a, b) => a - b);
    const missedBy = async (choreId: number) =>
      (await server.db.prisma.choreHistory.findMany({ where: { choreId, action: "missed" } }))
        .map(({ performedAsId }) => performedAsId)
        .sort((a, b) => a - b);
    const chargedTo = async (choreId: number) =>
      (await server.db.prisma.chorePenalty.findMany({ where: { choreId } })).map(({ userId }) => userId).sort((a, b) => a - b);
    expect(await missedBy(parts.id)).toEqual(ids(h.manager, other));
    expect(await chargedTo(parts.id)).toEqual(ids(h.manager, other));
    expect(await missedBy(pool.id)).toEqual(ids(h.member, h.manager, other));
    expect(await chargedTo(pool.id)).toEqual(ids(h.member, h.manager, other));
    expect(await missedBy(claimed.id)).toEqual(ids(other));
    expect(await chargedTo(claimed.id)).toEqual(ids(other));
  });

  it("a late completion records the occurrences it jumps over as missed by every assignee, once each", async () => {
    const h = await createHousehold(server);
    const other = await addMember(server, h.admin, "member", { username: uniqueName("other") });
    const day = 24 * 3_600_000;
    // Three days and an hour late: the days in between were nobody's part done or claim.
    const due = new Date(Date.now() - 3 * day - 3_600_000);
    const shared = (assignmentMode: "everyone" | "anyone") =>
      makeChore(h.admin.client, {
        frequency: { type: "daily" },
        nextDueDate: due.toISOString(),
        assignees: [h.member.user.id, other.user.id],
        assignmentMode,
      });
    const [parts, pool] = [await shared("everyone"), await shared("anyone")];
    await h.member.client.chores.do(parts.id);
    expect(await server.db.prisma.choreHistory.count({ where: { choreId: parts.id, action: "missed" } })).toBe(0);
    await other.client.chores.do(parts.id);
    await other.client.chores.do(pool.id);
    const jumped = [1, 2, 3].map((k) => new Date(due.getTime() + k * day).getTime());
    for (const chore of [parts, pool]) {
      const rows = await server.db.prisma.choreHistory.findMany({ where: { choreId: chore.id, action: "missed" } });
      const byMember = (userId: number) =>
        rows
          .filter((row) => row.performedAsId === userId)
          .map((row) => row.dueDate!.getTime())
          .sort((a, b) => a - b);
      expect(byMember(h.member.user.id)).toEqual(jumped);
      expect(byMember(other.user.id)).toEqual(jumped);
      expect(rows).toHaveLength(6);
    }
  });
});

describe("parallel requests resolve once", () => {
  it("parallel claims: one winner, the others 409 already_claimed", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, kim.user.id, home.manager.user.id],
      assignmentMode: "anyone",
    });
    const results = await Promise.allSettled([
      home.member.client.chores.claim(chore.id),
      kim.client.chores.claim(chore.id),
      home.manager.client.chores.claim(chore.id),
      actingAs(home.admin, home.member.user.id).chores.claim(chore.id),
    ]);
    const winners = results.filter((result) => result.status === "fulfilled").map((result) => result.value.assignedTo);
    // The member's two claims may both succeed (the second changes nothing); only one member wins.
    expect(new Set(winners).size).toBe(1);
    const losers = results.filter((result) => result.status === "rejected");
    expect(losers.length).toBeGreaterThanOrEqual(2);
    for (const loser of losers) expect(loser.reason).toMatchObject({ status: 409, code: "already_claimed" });
    const claims = await server.db.prisma.auditEvent.count({ where: { action: "chore.claimed", entityId: String(chore.id) } });
    expect(claims).toBe(1);
  });

  it("the same part twice, and the last two parts at once: each part credited once, the schedule advanced once", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, kim.user.id, home.manager.user.id],
      assignmentMode: "everyone",
      points: 2,
    });
    const same = await Promise.allSettled([
      home.member.client.chores.do(chore.id),
      actingAs(home.admin, home.member.user.id).chores.do(chore.id),
    ]);
    expect(same.filter(({ status }) => status === "fulfilled")).toHaveLength(1);
    expect(same.find((result) => result.status === "rejected")).toMatchObject({ reason: { status: 409, code: "part_already_resolved" } });

    const lastTwo = await Promise.allSettled([kim.client.chores.do(chore.id), home.manager.client.chores.do(chore.id)]);
    expect(lastTwo.map(({ status }) => status)).toEqual(["fulfilled", "fulfilled"]);
    const rows = await server.db.prisma.choreHistory.findMany({ where: { choreId: chore.id, action: { not: "missed" } } });
    // The occurrences since LONG_AGO it jumped over (the latest MAX_SKIPPED_OVER), missed by each of the three once.
    expect(await server.db.prisma.choreHistory.count({ where: { choreId: chore.id, action: "missed" } })).toBe(3 * MAX_SKIPPED_OVER);
    const byId = (a: number, b: number) => a - b;
    expect(rows.map(({ performedAsId }) => performedAsId).sort(byId)).toEqual(
      [home.member.user.id, kim.user.id, home.manager.user.id].sort(byId),
    );
    expect(new Set(rows.map(({ dueDate }) => dueDate?.toISOString()))).toEqual(new Set([chore.nextDueDate]));
    const earned = await server.db.prisma.pointsEntry.count({ where: { choreId: chore.id, kind: "earned" } });
    expect(earned).toBe(3);
    const after = await home.admin.client.chores.get(chore.id);
    expect(Date.parse(after.nextDueDate!)).toBeGreaterThan(Date.now());
    // Advanced once: the next occurrence is today's or tomorrow's, and nobody has done it.
    expect(Date.parse(after.nextDueDate!) - Date.now()).toBeLessThan(2 * 86_400_000);
    expect(Object.values(stateOf(after))).toEqual(["open", "open", "open"]);
    const resolved = await server.db.prisma.auditEvent.count({ where: { action: "chore.completed", entityId: String(chore.id) } });
    expect(resolved).toBe(3);
  });
});
