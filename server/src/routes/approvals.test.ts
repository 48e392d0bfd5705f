/**
 * Completion approval over HTTP (decision 0027): a member's do of a chore that needs
 * approval waits (no points, the chore does not move and cannot be done again); an admin or
 * manager approves (points credited with an `earned` row naming them) or rejects with a note
 * (the occurrence is open again). Grown-ups' completions, also while acting as the member,
 * need none. Deciding is never allowed while acting as someone nor from a tablet, and
 * parallel approvals credit once (for real with TEST_DATABASE_URL).
 */
import type { ChorusClient } from "@chorus/shared";
import { expectInvalidField, makeChore, pointsByUser } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, uniqueName, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const DAILY = { type: "daily" } as const;
const balanceOf = async (h: TestCircle, user: TestUser) => (await pointsByUser(h.admin.client)).get(user.user.id);

async function actingAs(user: TestUser, target: TestUser): Promise<ChorusClient> {
  await user.client.impersonation.start({ userId: target.user.id, mode: "act" });
  const client = server.client(user.token);
  client.setImpersonateUserId(target.user.id);
  return client;
}

/** A household and a daily 5-point chore of the member's that needs approval. */
async function setUp() {
  const h = await createHousehold(server);
  const chore = await makeChore(h.admin.client, { frequency: DAILY, assignees: [h.member.user.id], points: 5, needsApproval: true });
  return { h, chore };
}

describe("a member's completion waits", () => {
  it("credits nothing, keeps the occurrence, refuses doing it again, and is approved with an earned row by the approver", async () => {
    const { h, chore } = await setUp();
    expect(chore).toMatchObject({ needsApproval: true, approval: null });
    const waiting = await h.member.client.chores.do(chore.id, { note: "All clean" });
    expect(waiting).toMatchObject({
      nextDueDate: chore.nextDueDate,
      performedAs: h.member.user.id,
      approval: { status: "pending", approvalId: expect.any(Number) },
    });
    expect(await balanceOf(h, h.member)).toBe(0);
    expect((await h.member.client.chores.history(chore.id)).history).toEqual([]);
    // The same occurrence cannot be done, skipped or timed while it waits, by anyone.
    await expectApiError(h.member.client.chores.do(chore.id, {}), 409, "awaiting_approval");
    await expectApiError(h.admin.client.chores.do(chore.id, {}), 409, "awaiting_approval");
    await expectApiError(h.member.client.chores.skip(chore.id, {}), 409, "awaiting_approval");
    await expectApiError(h.member.client.chores.start(chore.id, {}), 409, "awaiting_approval");
    // Members do not see the queue.
    await expectApiError(h.member.client.approvals.list(), 403, "forbidden");

    const { approvals } = await h.manager.client.approvals.list();
    expect(approvals).toEqual([
      {
        id: waiting.approval!.status === "pending" ? waiting.approval!.approvalId : -1,
        chore: { id: chore.id, name: chore.name, points: 5 },
        userId: h.member.user.id,
        actorUserId: h.member.user.id,
        viaDeviceId: null,
        dueDate: chore.nextDueDate,
        note: "All clean",
        completedAt: expect.any(String),
        status: "pending",
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        createdAt: expect.any(String),
        photo: null,
      },
    ]);
    const approved = await h.manager.client.approvals.approve(approvals[0]!.id, {});
    expect(approved).toMatchObject({ status: "approved", decidedBy: h.manager.user.id });
    expect(await balanceOf(h, h.member)).toBe(5);
    const [earned] = (await h.admin.client.circles.memberPoints(h.member.user.id)).entries;
    expect(earned).toMatchObject({ kind: "earned", amount: 5, actor: { id: h.manager.user.id } });
    const after = await h.member.client.chores.get(chore.id);
    expect(after.approval).toBeNull();
    expect(Date.parse(after.nextDueDate!)).toBeGreaterThan(Date.parse(chore.nextDueDate!));
    // History names the member who did it.
    expect((await h.member.client.chores.history(chore.id)).history).toMatchObject([
      {
        action: "completed",
        updatedBy: h.member.user.id,
        performedAs: h.member.user.id,
        approvedBy: h.manager.user.id,
        points: 5,
        note: "All clean",
      },
    ]);
    expect((await h.manager.client.approvals.list()).approvals).toEqual([]);
    await expectApiError(h.manager.client.approvals.approve(approvals[0]!.id, {}), 409, "invalid_state");

    const audit = await h.admin.client.circles.audit({ action: "chore.approved" });
    expect(audit.events).toMatchObject([
      { actorUserId: h.manager.user.id, payload: { approvalId: approved.id, member: h.member.user.id, points: 5 } },
    ]);
    expect((await h.admin.client.circles.audit({ action: "chore.approval_requested" })).events).toHaveLength(1);
  });

  it("a rejection with a note opens the occurrence again and the member sees the note", async () => {
    const { h, chore } = await setUp();
    const waiting = await h.member.client.chores.do(chore.id, {});
    const approvalId = waiting.approval!.status === "pending" ? waiting.approval!.approvalId : -1;
    await expectInvalidField(h.admin.client.approvals.reject(approvalId, { note: "  " }), "note");
    const rejected = await h.admin.client.approvals.reject(approvalId, { note: "The floor is still sticky" });
    expect(rejected).toMatchObject({ status: "rejected", decidedBy: h.admin.user.id, decisionNote: "The floor is still sticky" });
    const seen = await h.member.client.chores.get(chore.id);
    expect(seen).toMatchObject({
      nextDueDate: chore.nextDueDate,
      approval: { status: "rejected", note: "The floor is still sticky", rejectedBy: h.admin.user.id },
    });
    expect(await balanceOf(h, h.member)).toBe(0);
    expect((await h.admin.client.circles.audit({ action: "chore.rejected" })).events).toMatchObject([
      { actorUserId: h.admin.user.id, payload: { approvalId, member: h.member.user.id, note: "The floor is still sticky" } },
    ]);
    // Done again: it waits again, and the note is gone.
    expect((await h.member.client.chores.do(chore.id, {})).approval).toMatchObject({ status: "pending" });
    await expectApiError(h.admin.client.approvals.approve(approvalId, {}), 409, "invalid_state");
  });

  it("a grown-up's completion needs none, also while acting as the child: done by the admin for the member", async () => {
    const { h, chore } = await setUp();
    const acting = await actingAs(h.admin, h.member);
    const done = await acting.chores.do(chore.id, {});
    expect(done).toMatchObject({ approval: null, updatedBy: h.admin.user.id, performedAs: h.member.user.id });
    expect(await balanceOf(h, h.member)).toBe(5);
    expect((await h.admin.client.chores.history(chore.id)).history).toMatchObject([
      { action: "completed", updatedBy: h.admin.user.id, performedAs: h.member.user.id, approvedBy: null },
    ]);
    expect((await h.admin.client.approvals.list()).approvals).toEqual([]);
  });

  it("the flag is set and cleared by editing the chore", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    expect(chore.needsApproval).toBe(false);
    expect((await h.admin.client.chores.update(chore.id, { needsApproval: true })).needsApproval).toBe(true);
    expect((await h.admin.client.chores.update(chore.id, { needsApproval: false })).needsApproval).toBe(false);
  });
});

describe("deciding is the grown-up's own act", () => {
  it("is refused while acting as someone, and for a tablet", async () => {
    const { h, chore } = await setUp();
    const waiting = await h.member.client.chores.do(chore.id, {});
    const approvalId = waiting.approval!.status === "pending" ? waiting.approval!.approvalId : -1;
    const acting = await actingAs(h.admin, h.member);
    await expectApiError(acting.approvals.approve(approvalId, {}), 403, "impersonation_not_supported");
    await expectApiError(acting.approvals.reject(approvalId, { note: "No" }), 403, "impersonation_not_supported");
    await expectApiError(acting.approvals.approveAll({ ids: [approvalId] }), 403, "impersonation_not_supported");
    await expectApiError(acting.approvals.list(), 403, "impersonation_not_supported");

    const { token } = await h.admin.client.circles.createDevice({ name: "Kitchen tablet" });
    const tablet = server.client(token);
    await expectApiError(tablet.approvals.approve(approvalId, {}), 403, "device_not_allowed");
    expect(await balanceOf(h, h.member)).toBe(0);
    expect((await h.admin.client.approvals.list()).approvals).toHaveLength(1);
  });

  it("a completion through a tablet waits", async () => {
    const h = await createHousehold(server);
    const child = await h.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Alex", pin: "2468" });
    const chore = await makeChore(h.admin.client, { assignees: [child.userId], points: 3, needsApproval: true });
    const { id: deviceId, token } = await h.admin.client.circles.createDevice({ name: "Kitchen tablet" });
    const tablet = server.client(token);
    tablet.setTabletMember(child.userId, "2468");
    expect((await tablet.chores.do(chore.id, {})).approval).toMatchObject({ status: "pending" });
    const [item] = (await h.admin.client.approvals.list()).approvals;
    expect(item).toMatchObject({ userId: child.userId, actorUserId: child.userId, viaDeviceId: deviceId });
  });

  it("nobody approves their own completion", async () => {
    const { h, chore } = await setUp();
    await h.member.client.chores.do(chore.id, {});
    await h.admin.client.circles.setRole(h.member.user.id, { role: "manager" });
    const [item] = (await h.admin.client.approvals.list()).approvals;
    await expectApiError(h.member.client.approvals.approve(item!.id, {}), 403, "forbidden");
  });
});

describe("undo of an approval", () => {
  it("is the approver's: the points go back with an undone row and the completion waits again", async () => {
    const { h, chore } = await setUp();
    await h.member.client.chores.do(chore.id, {});
    const [item] = (await h.admin.client.approvals.list()).approvals;
    await h.admin.client.approvals.approve(item!.id, {});
    await expectApiError(h.member.client.chores.undo(chore.id), 409, "undo_unavailable");
    // Not while acting as the member either: the approval was the admin's own act.
    await expectApiError((await actingAs(h.admin, h.member)).chores.undo(chore.id), 409, "undo_unavailable");
    const undone = await h.admin.client.chores.undo(chore.id);
    expect(undone).toMatchObject({ nextDueDate: chore.nextDueDate, approval: { status: "pending", approvalId: item!.id } });
    expect(await balanceOf(h, h.member)).toBe(0);
    const kinds = (await h.admin.client.circles.memberPoints(h.member.user.id)).entries.map((entry) => [entry.kind, entry.amount]);
    expect(kinds).toEqual([
      ["undone", -5],
      ["earned", 5],
    ]);
    expect((await h.admin.client.approvals.list()).approvals).toMatchObject([{ id: item!.id, status: "pending" }]);
  });
});

describe("approve-all", () => {
  it("approves every named completion in one go", async () => {
    const h = await createHousehold(server);
    const kid = await addMember(server, h.admin);
    const chores = await Promise.all(
      [h.member, kid, h.member].map((user) => makeChore(h.admin.client, { assignees: [user.user.id], points: 2, needsApproval: true })),
    );
    await h.member.client.chores.do(chores[0]!.id, {});
    await kid.client.chores.do(chores[1]!.id, {});
    await h.member.client.chores.do(chores[2]!.id, {});
    const ids = (await h.admin.client.approvals.list()).approvals.map((item) => item.id);
    const { approvals } = await h.admin.client.approvals.approveAll({ ids });
    expect(approvals.map((item) => [item.id, item.status])).toEqual(ids.map((id) => [id, "approved"]));
    expect(await balanceOf(h, h.member)).toBe(4);
    expect(await balanceOf(h, kid)).toBe(2);
    expect((await h.admin.client.circles.audit({ action: "chore.approved" })).events).toHaveLength(3);
  });

  it("approves none when one of them cannot be approved, and names it", async () => {
    const h = await createHousehold(server);
    const [first, second] = await Promise.all(
      [1, 2].map(() => makeChore(h.admin.client, { assignees: [h.member.user.id], points: 2, needsApproval: true })),
    );
    await h.member.client.chores.do(first!.id, {});
    await h.member.client.chores.do(second!.id, {});
    const ids = (await h.admin.client.approvals.list()).approvals.map((item) => item.id);
    await h.manager.client.approvals.reject(ids[1]!, { note: "Not yet" });
    await expect(h.admin.client.approvals.approveAll({ ids })).rejects.toMatchObject({
      status: 409,
      code: "invalid_state",
      details: { approvalId: ids[1] },
    });
    expect(await balanceOf(h, h.member)).toBe(0);
    expect((await h.admin.client.approvals.list()).approvals.map((item) => item.id)).toEqual([ids[0]]);
    await expectInvalidField(h.admin.client.approvals.approveAll({ ids: [] }), "ids");
  });
});

describe("in parallel", () => {
  it("approving the same completion many times credits it once", async () => {
    const { h, chore } = await setUp();
    await h.member.client.chores.do(chore.id, {});
    const [item] = (await h.admin.client.approvals.list()).approvals;
    const results = await Promise.allSettled([
      ...Array.from({ length: 4 }, () => h.admin.client.approvals.approve(item!.id, {})),
      ...Array.from({ length: 4 }, () => h.manager.client.approvals.approve(item!.id, {})),
      h.admin.client.approvals.approveAll({ ids: [item!.id] }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409, code: "invalid_state" });
    }
    expect(await balanceOf(h, h.member)).toBe(5);
    const earned = await server.db.prisma.pointsEntry.findMany({ where: { choreId: chore.id } });
    expect(earned.map((row) => [row.kind, row.amount])).toEqual([["earned", 5]]);
    expect(await server.db.prisma.choreHistory.count({ where: { choreId: chore.id } })).toBe(1);
  });

  it("parallel dos of one occurrence make one waiting completion", async () => {
    const { h, chore } = await setUp();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => h.member.client.chores.do(chore.id, {})));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((await h.admin.client.approvals.list()).approvals).toHaveLength(1);
  });
});
