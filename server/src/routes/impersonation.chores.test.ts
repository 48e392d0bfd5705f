/**
 * Impersonation's effects on chores: writes record the real actor and the target, points
 * go to the target, and the target's view and permissions apply.
 */
import { createHousehold, expectApiError } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const points = async (client: Awaited<ReturnType<typeof createHousehold>>["admin"]["client"], userId: number) =>
  (await client.circles.members()).members.find((m) => m.userId === userId)!.points;

describe("acting on chores as someone else", () => {
  it("do, skip, start and pause record both users and credit the target", async () => {
    const { admin, member } = await createHousehold(server);
    const chore = await admin.client.chores.create({
      name: "Feed the cat",
      frequency: { type: "daily" },
      // Rolling: a do now jumps over no occurrence it would record missed (decision 0031).
      scheduleMode: "rolling",
      nextDueDate: "2026-11-20T08:00:00.000Z",
      assignees: [member.user.id],
      points: 5,
    });
    const acting = server.client(admin.token);
    acting.setImpersonateUserId(member.user.id);

    const started = await acting.chores.start(chore.id);
    expect(started).toMatchObject({ status: "in_progress", updatedBy: admin.user.id, performedAs: member.user.id });
    const paused = await acting.chores.pause(chore.id);
    expect(paused).toMatchObject({ status: "paused", updatedBy: admin.user.id, performedAs: member.user.id });
    const done = await acting.chores.do(chore.id, { note: "done by mum", dueDate: chore.nextDueDate });
    expect(done).toMatchObject({ updatedBy: admin.user.id, performedAs: member.user.id });
    const skipped = await acting.chores.skip(chore.id, { dueDate: done.nextDueDate });
    expect(skipped).toMatchObject({ updatedBy: admin.user.id, performedAs: member.user.id });

    const { history } = await acting.chores.history(chore.id);
    expect(history.map((entry) => [entry.action, entry.updatedBy, entry.performedAs])).toEqual([
      ["skipped", admin.user.id, member.user.id],
      ["completed", admin.user.id, member.user.id],
      ["paused", admin.user.id, member.user.id],
      ["started", admin.user.id, member.user.id],
    ]);
    expect(await points(admin.client, member.user.id)).toBe(5);
    expect(await points(admin.client, admin.user.id)).toBe(0);

    const { events } = await admin.client.circles.audit({ subjectUserId: String(member.user.id) });
    const actions = events.map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["chore.completed", "chore.skipped", "chore.started", "chore.paused"]));
    for (const event of events) {
      expect(event).toMatchObject({ actorUserId: admin.user.id, subjectUserId: member.user.id, outcome: "allowed" });
      expect(event.payload.impersonatedUserId).toBe(member.user.id);
    }
  });

  it("without impersonation, updatedBy equals performedAs and the audit has no subject", async () => {
    const { admin, member } = await createHousehold(server);
    const chore = await admin.client.chores.create({ name: "Dishes", assignees: [member.user.id], points: 2 });
    const done = await member.client.chores.do(chore.id);
    expect(done).toMatchObject({ updatedBy: member.user.id, performedAs: member.user.id });
    const { events } = await admin.client.circles.audit({ action: "chore.completed" });
    expect(events[0]).toMatchObject({ actorUserId: member.user.id, subjectUserId: null });
    expect(events[0]!.payload.impersonatedUserId).toBeUndefined();
  });

  it("lists only the target's assigned chores, whatever the query asks", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const mine = await admin.client.chores.create({ name: "Member's", assignees: [member.user.id] });
    await admin.client.chores.create({ name: "Manager's", assignees: [manager.user.id] });
    await admin.client.chores.create({ name: "Admin's", assignees: [admin.user.id] });
    const acting = server.client(admin.token);
    acting.setImpersonateUserId(member.user.id);
    expect((await acting.chores.list()).chores.map((c) => c.id)).toEqual([mine.id]);
    expect((await acting.chores.list({ assignedTo: String(manager.user.id) })).chores.map((c) => c.id)).toEqual([mine.id]);
  });

  it("applies the target's permissions, not the caller's", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const others = await admin.client.chores.create({ name: "Manager's job", assignees: [manager.user.id] });
    const secret = await admin.client.chores.create({ name: "Present shopping", assignees: [admin.user.id], isPrivate: true });
    const acting = server.client(manager.token);
    acting.setImpersonateUserId(member.user.id);
    await expectApiError(acting.chores.do(others.id), 403, "forbidden");
    await expectApiError(acting.chores.get(secret.id), 404, "not_found");
    await expectApiError(acting.chores.history(secret.id), 404, "not_found");
    // Refused while impersonating: an audited attempt, with both users.
    const { events } = await admin.client.circles.audit({ action: "impersonation.denied" });
    expect(events[0]).toMatchObject({
      actorUserId: manager.user.id,
      subjectUserId: member.user.id,
      outcome: "denied",
      payload: { reason: "forbidden", route: "POST /chores/:id/do", impersonatedUserId: member.user.id },
    });
    // The manager acting as themselves may complete it.
    expect((await manager.client.chores.do(others.id)).performedAs).toBe(manager.user.id);
  });
});
