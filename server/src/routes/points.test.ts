/**
 * The points ledger over HTTP (docs/decisions/0025-points-ledger.md): do and undo append
 * earned and undone rows with the real actor, admins adjust with a reason, a member's
 * balance is always the sum of their rows, and who may read or adjust whose ledger.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL (where the parallel test races
 * for real).
 */
import { TABLET_MEMBER_HEADERS, type ChorusClient } from "@chorus/shared";
import { expectInvalidField, makeChore, pointsByUser } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, uniqueName, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const DAILY = { type: "daily" } as const;
const LONG_AGO = "2024-05-01T09:00:00Z";

/** A client of `user`'s sign-in acting as `target` in an act session. */
async function actingAs(user: TestUser, target: { user: { id: number } }): Promise<ChorusClient> {
  await user.client.impersonation.start({ userId: target.user.id, mode: "act" });
  const client = server.client(user.token);
  client.setImpersonateUserId(target.user.id);
  return client;
}

/** Whether every member's balance is the sum of their ledger rows (the ledger's invariant). */
async function balancesMismatchingLedger(circleId: number) {
  return server.db.prisma.$queryRaw<{ userId: number }[]>`
    SELECT m."userId" FROM "Membership" m
    WHERE m."circleId" = ${circleId} AND m."points" <> COALESCE(
      (SELECT SUM(p."amount") FROM "PointsEntry" p WHERE p."circleId" = m."circleId" AND p."userId" = m."userId"), 0)`;
}

const ledgerOf = async (client: ChorusClient, userId: number) => (await client.circles.memberPoints(userId)).entries;

describe("earned and undone rows", () => {
  it("a do appends an earned row and its undo a reversal, leaving the earned row as it was", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, {
      name: "Dishes",
      frequency: DAILY,
      // Rolling: a do now jumps over no occurrence it would record missed (decision 0031).
      scheduleMode: "rolling",
      nextDueDate: LONG_AGO,
      assignees: [h.member.user.id],
      points: 5,
    });
    await h.member.client.chores.do(chore.id);
    const [earned] = await ledgerOf(h.member.client, h.member.user.id);
    expect(earned).toEqual({
      id: expect.any(Number),
      kind: "earned",
      amount: 5,
      balance: 5,
      actor: { id: h.member.user.id, displayName: h.member.user.displayName },
      viaDevice: null,
      chore: { id: chore.id, name: "Dishes" },
      reward: null,
      penalty: null,
      reason: null,
      createdAt: expect.any(String),
    });
    const stored = await server.db.prisma.pointsEntry.findUniqueOrThrow({ where: { id: earned!.id } });
    expect(stored.historyId).toEqual(expect.any(Number));

    await h.member.client.chores.undo(chore.id);
    const page = await h.member.client.circles.memberPoints(h.member.user.id);
    expect(page.member).toEqual({ userId: h.member.user.id, displayName: h.member.user.displayName, points: 0 });
    expect(page.entries).toEqual([
      { ...earned, id: expect.any(Number), kind: "undone", amount: -5, balance: 0, createdAt: expect.any(String) },
      earned,
    ]);
    const undone = await server.db.prisma.pointsEntry.findUniqueOrThrow({ where: { id: page.entries[0]!.id } });
    expect(undone.historyId).toBe(stored.historyId);
    expect(await balancesMismatchingLedger(h.admin.user.circleId!)).toEqual([]);
  });

  it("a skip or a chore without points writes no row", async () => {
    const h = await createHousehold(server);
    const skipped = await makeChore(h.admin.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [h.member.user.id], points: 3 });
    const free = await makeChore(h.admin.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [h.member.user.id] });
    await h.member.client.chores.skip(skipped.id);
    await h.member.client.chores.do(free.id);
    expect(await ledgerOf(h.member.client, h.member.user.id)).toEqual([]);
  });

  it("records the real actor when an admin acts as the member, and the tablet a completion came through", async () => {
    const h = await createHousehold(server);
    const acting = await actingAs(h.admin, h.member);
    const first = await makeChore(h.admin.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [h.member.user.id], points: 2 });
    await acting.chores.do(first.id);

    const { id: deviceId, token } = await h.admin.client.circles.createDevice({ name: "Kitchen tablet" });
    const child = await h.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Alex", pin: "2468" });
    const second = await makeChore(h.admin.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [child.userId], points: 4 });
    const tabletDo = await server.fetch(`/chores/${second.id}/do`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        [TABLET_MEMBER_HEADERS.id]: String(child.userId),
        [TABLET_MEMBER_HEADERS.pin]: "2468",
        "Content-Type": "application/json",
      },
      body: "{}",
    });
    expect(tabletDo.status).toBe(200);

    expect(await ledgerOf(h.member.client, h.member.user.id)).toMatchObject([
      { kind: "earned", amount: 2, actor: { id: h.admin.user.id, displayName: h.admin.user.displayName }, viaDevice: null },
    ]);
    expect(await ledgerOf(h.admin.client, child.userId)).toMatchObject([
      { kind: "earned", amount: 4, actor: { id: child.userId, displayName: "Alex" }, viaDevice: { id: deviceId, name: "Kitchen tablet" } },
    ]);
  });

  it("refuses an undo once the points were taken away, and changes nothing", async () => {
    const h = await createHousehold(server);
    // Rolling: a do now jumps over no occurrence it would record missed (decision 0031).
    const chore = await makeChore(h.admin.client, {
      frequency: DAILY,
      scheduleMode: "rolling",
      nextDueDate: LONG_AGO,
      assignees: [h.member.user.id],
      points: 5,
    });
    await h.member.client.chores.do(chore.id);
    await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: -3, reason: "Broke the rule about screens" });
    await expectApiError(h.member.client.chores.undo(chore.id), 409, "undo_unavailable");
    expect((await h.member.client.chores.history(chore.id)).history).toHaveLength(1);
    expect((await pointsByUser(h.admin.client)).get(h.member.user.id)).toBe(2);
    expect((await ledgerOf(h.member.client, h.member.user.id)).map((entry) => entry.kind)).toEqual(["adjusted", "earned"]);
  });
});

describe("POST /circles/current/members/:userId/points/adjustments", () => {
  it("an admin adds or takes away points with a reason: a row, the new balance, an audit event", async () => {
    const h = await createHousehold(server);
    const added = await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 10, reason: "  Helped with the garden  " });
    expect(added).toEqual({
      points: 10,
      entry: {
        id: expect.any(Number),
        kind: "adjusted",
        amount: 10,
        balance: 10,
        actor: { id: h.admin.user.id, displayName: h.admin.user.displayName },
        viaDevice: null,
        chore: null,
        reward: null,
        penalty: null,
        reason: "Helped with the garden",
        createdAt: expect.any(String),
      },
    });
    const taken = await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: -4, reason: "Fought over the remote" });
    expect(taken.points).toBe(6);
    expect(await ledgerOf(h.member.client, h.member.user.id)).toEqual([taken.entry, added.entry]);
    expect((await pointsByUser(h.member.client)).get(h.member.user.id)).toBe(6);
    const { events } = await h.admin.client.circles.audit({ action: "points.adjusted" });
    expect(events.map((event) => [event.actorUserId, event.entityId, event.payload])).toEqual([
      [h.admin.user.id, String(h.member.user.id), { entryId: taken.entry.id, amount: -4, reason: "Fought over the remote", points: 6 }],
      [h.admin.user.id, String(h.member.user.id), { entryId: added.entry.id, amount: 10, reason: "Helped with the garden", points: 10 }],
    ]);
  });

  it("never takes a balance below zero", async () => {
    const h = await createHousehold(server);
    await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 3, reason: "Start" });
    await expect(h.admin.client.circles.adjustPoints(h.member.user.id, { amount: -4, reason: "Too much" })).rejects.toMatchObject({
      status: 409,
      code: "insufficient_points",
      details: { points: 3 },
    });
    expect((await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: -3, reason: "All of it" })).points).toBe(0);
    expect(await ledgerOf(h.admin.client, h.member.user.id)).toHaveLength(2);
  });

  it.each([
    ["zero", { amount: 0, reason: "x" }, "amount"],
    ["a fraction", { amount: 1.5, reason: "x" }, "amount"],
    ["over 10000", { amount: 10_001, reason: "x" }, "amount"],
    ["under -10000", { amount: -10_001, reason: "x" }, "amount"],
    ["a string amount", { amount: "5", reason: "x" }, "amount"],
    ["no amount", { reason: "x" }, "amount"],
    ["no reason", { amount: 5 }, "reason"],
    ["a blank reason", { amount: 5, reason: "   " }, "reason"],
    ["a reason over 200 characters", { amount: 5, reason: "x".repeat(201) }, "reason"],
  ])("refuses %s, naming the field", async (_case, body, field) => {
    const h = await createHousehold(server);
    await expectInvalidField(h.admin.client.circles.adjustPoints(h.member.user.id, body as never), field);
    expect(await ledgerOf(h.admin.client, h.member.user.id)).toEqual([]);
  });

  it("is for admins of the member's circle only, never while acting as someone", async () => {
    const h = await createHousehold(server);
    const body = { amount: 5, reason: "Why not" };
    await expectApiError(h.manager.client.circles.adjustPoints(h.member.user.id, body), 403, "forbidden");
    await expectApiError(h.member.client.circles.adjustPoints(h.member.user.id, body), 403, "forbidden");
    await expectApiError(
      (await actingAs(h.admin, h.manager)).circles.adjustPoints(h.member.user.id, body),
      403,
      "impersonation_not_supported",
    );
    const stranger = await signUp(server);
    await expectApiError(stranger.client.circles.adjustPoints(h.member.user.id, body), 404, "not_found");
    await expectApiError(h.admin.client.circles.adjustPoints(stranger.user.id, body), 404, "not_found");
    const device = await h.admin.client.circles.createDevice({ name: "Hall" });
    const tablet = await server.fetch(`/circles/current/members/${h.member.user.id}/points/adjustments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${device.token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(tablet.status).toBe(403);
    expect(await ledgerOf(h.admin.client, h.member.user.id)).toEqual([]);

    // An admin's API token is the admin: scripts may adjust, and the row names the admin.
    const { token } = await h.admin.client.users.createToken({ name: "script" });
    const viaToken = await server.client(token).circles.adjustPoints(h.member.user.id, body);
    expect(viaToken.entry.actor?.id).toBe(h.admin.user.id);
  });
});

describe("GET /circles/current/members/:userId/points", () => {
  let h: TestCircle;
  beforeAll(async () => {
    h = await createHousehold(server);
    await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 1, reason: "Member" });
    await h.admin.client.circles.adjustPoints(h.manager.user.id, { amount: 2, reason: "Manager" });
  });

  it("shows a member their own, and admins and managers anyone's in the circle", async () => {
    expect(await ledgerOf(h.member.client, h.member.user.id)).toMatchObject([{ reason: "Member" }]);
    expect(await ledgerOf(h.manager.client, h.member.user.id)).toMatchObject([{ reason: "Member" }]);
    expect(await ledgerOf(h.admin.client, h.manager.user.id)).toMatchObject([{ reason: "Manager" }]);
    await expectApiError(h.member.client.circles.memberPoints(h.manager.user.id), 403, "forbidden");
    const stranger = await signUp(server);
    await expectApiError(h.admin.client.circles.memberPoints(stranger.user.id), 404, "not_found");
    await expectApiError(stranger.client.circles.memberPoints(h.member.user.id), 404, "not_found");
  });

  it("while acting as a member shows that member's own ledger only, even acting as a manager", async () => {
    const asMember = await actingAs(h.admin, h.member);
    expect(await ledgerOf(asMember, h.member.user.id)).toMatchObject([{ reason: "Member" }]);
    await expectApiError(asMember.circles.memberPoints(h.manager.user.id), 403, "forbidden");
    const asManager = await actingAs(h.admin, h.manager);
    await expectApiError(asManager.circles.memberPoints(h.member.user.id), 403, "forbidden");
    // A view-only session reads it too.
    await h.manager.client.impersonation.start({ userId: h.member.user.id, mode: "view" });
    const viewing = server.client(h.manager.token);
    viewing.setImpersonateUserId(h.member.user.id);
    expect(await ledgerOf(viewing, h.member.user.id)).toMatchObject([{ reason: "Member" }]);
  });

  it("takes a member's API token, and refuses a tablet's", async () => {
    const { token } = await h.member.client.users.createToken({ name: "mine" });
    expect(await ledgerOf(server.client(token), h.member.user.id)).toHaveLength(1);
    const { token: deviceToken } = await h.admin.client.circles.createDevice({ name: "Hall" });
    const tablet = await server.fetch(`/circles/current/members/${h.member.user.id}/points`, {
      headers: { Authorization: `Bearer ${deviceToken}`, [TABLET_MEMBER_HEADERS.id]: String(h.member.user.id) },
    });
    expect(tablet.status).toBe(403);
  });

  it("pages newest first with a cursor, and refuses a made-up cursor", async () => {
    const joiner = await addMember(server, h.admin);
    for (let i = 1; i <= 5; i += 1) await h.admin.client.circles.adjustPoints(joiner.user.id, { amount: i, reason: `Step ${i}` });
    const first = await joiner.client.circles.memberPoints(joiner.user.id, { limit: "2" });
    expect(first.entries.map((entry) => entry.reason)).toEqual(["Step 5", "Step 4"]);
    expect(first.member.points).toBe(15);
    const second = await joiner.client.circles.memberPoints(joiner.user.id, { limit: "2", before: first.nextCursor! });
    expect(second.entries.map((entry) => entry.reason)).toEqual(["Step 3", "Step 2"]);
    const last = await joiner.client.circles.memberPoints(joiner.user.id, { limit: "2", before: second.nextCursor! });
    expect(last.entries.map((entry) => [entry.reason, entry.balance])).toEqual([["Step 1", 1]]);
    expect(last.nextCursor).toBeNull();
    await expectInvalidField(joiner.client.circles.memberPoints(joiner.user.id, { before: "bm9wZQ" }), "before");
    await expectInvalidField(joiner.client.circles.memberPoints(joiner.user.id, { limit: "101" }), "limit");
  });

  it("names a private chore only to those who may see it", async () => {
    const chore = await makeChore(h.member.client, {
      name: "Secret diary tidy",
      isPrivate: true,
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [h.member.user.id],
      points: 1,
    });
    await h.member.client.chores.do(chore.id);
    expect((await ledgerOf(h.member.client, h.member.user.id))[0]?.chore).toEqual({ id: chore.id, name: "Secret diary tidy" });
    expect((await ledgerOf(h.admin.client, h.member.user.id))[0]?.chore).toEqual({ id: chore.id, name: null });
  });
});

describe("the balance is the sum of the ledger", () => {
  it("after parallel do, undo and adjustments for one member", async () => {
    const owner = await signUp(server);
    const kid = await addMember(server, owner);
    const chores = await Promise.all(
      Array.from({ length: 6 }, () =>
        makeChore(owner.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [kid.user.id], points: 3 }),
      ),
    );
    await Promise.all(chores.slice(0, 3).map((chore) => kid.client.chores.do(chore.id)));
    // Enough that every change below succeeds, in whatever order the database takes them.
    await owner.client.circles.adjustPoints(kid.user.id, { amount: 100, reason: "Head start" });
    await Promise.all([
      ...chores.slice(3).map((chore) => kid.client.chores.do(chore.id)),
      ...chores.slice(0, 3).map((chore) => kid.client.chores.undo(chore.id)),
      ...Array.from({ length: 4 }, (_, i) =>
        owner.client.circles.adjustPoints(kid.user.id, { amount: i % 2 ? -5 : 4, reason: `Race ${i}` }),
      ),
    ]);
    expect(await balancesMismatchingLedger(owner.user.circleId!)).toEqual([]);
    // Each row's balance follows from the one before it: no two changes interleaved.
    const rows = await server.db.prisma.pointsEntry.findMany({ where: { userId: kid.user.id }, orderBy: { id: "asc" } });
    let balance = 0;
    for (const row of rows) {
      balance += row.amount;
      expect(row.balance).toBe(balance);
    }
    expect(balance).toBe(109 + 9 - 9 - 2);
    expect((await pointsByUser(owner.client)).get(kid.user.id)).toBe(balance);
  });

  it("never goes below zero, even with parallel deductions", async () => {
    const owner = await signUp(server);
    const kid = await addMember(server, owner);
    await owner.client.circles.adjustPoints(kid.user.id, { amount: 10, reason: "Start" });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => owner.client.circles.adjustPoints(kid.user.id, { amount: -3, reason: `Take ${i}` })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "insufficient_points" });
    expect((await pointsByUser(owner.client)).get(kid.user.id)).toBe(1);
    expect(await balancesMismatchingLedger(owner.user.circleId!)).toEqual([]);
  });

  it("a member who leaves and comes back finds the points they left with", async () => {
    const owner = await signUp(server);
    const kid = await addMember(server, owner);
    await owner.client.circles.adjustPoints(kid.user.id, { amount: 7, reason: "Before the move" });
    await owner.client.circles.removeMember(kid.user.id);
    await kid.client.circles.join({ inviteCode: (await owner.client.circles.current()).inviteCode! });
    await owner.client.circles.accept(kid.user.id);
    expect((await pointsByUser(owner.client)).get(kid.user.id)).toBe(7);
    expect(await balancesMismatchingLedger(owner.user.circleId!)).toEqual([]);
  });
});
