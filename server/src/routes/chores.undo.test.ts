/**
 * POST /chores/:id/undo takes back the chore's latest do or skip: points, schedule,
 * assignee, timer and history row; the audit log keeps both. Only its real actor, for the
 * same member, within ten minutes, while nothing else happened to the chore.
 */
import { makeChore, pointsByUser, rawRequest } from "../test/choreFactories";
import { createHousehold, expectApiError, signUp, type TestCircle } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server, "Europe/Berlin");
});
afterAll(() => server.close());

const LONG_AGO = "2024-05-01T09:00:00+02:00";
const auditOf = (choreId: number) =>
  server.db.prisma.auditEvent.findMany({ where: { entityType: "chore", entityId: String(choreId) }, orderBy: { id: "asc" } });

describe("POST /chores/:id/undo", () => {
  it("answers 401 without a token, 400 for a bad id or body, 404 outside the circle", async () => {
    await expectApiError(server.client().chores.undo(1), 401, "unauthenticated");
    const chore = await makeChore(home.admin.client, { nextDueDate: LONG_AGO });
    for (const [path, body, field] of [
      ["/chores/abc/undo", {}, "id"],
      [`/chores/${chore.id}/undo`, { historyId: 1 }, "historyId"],
    ] as const) {
      const { status, error } = await rawRequest(server, home.admin, "POST", path, body);
      expect(status).toBe(400);
      expect(Object.keys(error?.details?.fields ?? {})).toEqual([field]);
    }
    const outsider = await signUp(server);
    await expectApiError(outsider.client.chores.undo(chore.id), 404, "not_found");
  });

  it("reverts a completion: points, due date, assignee, timer and history; the audit log records both", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, home.manager.user.id],
      assignmentStrategy: "round_robin",
      points: 5,
    });
    const started = await home.member.client.chores.start(chore.id);
    const before = await pointsByUser(home.admin.client);
    const done = await home.member.client.chores.do(chore.id, { note: "Oops, wrong chore" });
    expect(done.assignedTo).toBe(home.manager.user.id);

    const undone = await home.member.client.chores.undo(chore.id);
    expect(undone).toMatchObject({
      nextDueDate: chore.nextDueDate,
      assignedTo: home.member.user.id,
      status: "in_progress",
      timerRunningSince: started.timerRunningSince,
      finishedAt: null,
      version: done.version + 1,
      updatedBy: home.member.user.id,
      performedAs: home.member.user.id,
    });
    expect(await pointsByUser(home.admin.client)).toEqual(before);
    // The occurrences the completion jumped over stay missed (decision 0031).
    expect(
      (await home.member.client.chores.history(chore.id)).history.map((entry) => entry.action).filter((action) => action !== "missed"),
    ).toEqual(["started"]);
    const audit = await auditOf(chore.id);
    expect(audit.map((event) => event.action)).toEqual(["chore.created", "chore.started", "chore.completed", "chore.undone"]);
    expect(audit[3]).toMatchObject({ actorUserId: home.member.user.id, subjectUserId: null, outcome: "allowed" });
    expect(audit[3]!.payload).toMatchObject({
      undoneAction: "chore.completed",
      points: 5,
      note: "Oops, wrong chore",
      nextDueDate: "2024-05-01T07:00:00.000Z",
    });

    // The occurrence is open again and can be done once more.
    await expect(home.member.client.chores.do(chore.id, { dueDate: chore.nextDueDate })).resolves.toMatchObject({
      assignedTo: home.manager.user.id,
    });
  });

  it("reverts a skip, and reopens a finished one-off chore", async () => {
    const weekly = await makeChore(home.admin.client, { frequency: { type: "weekly", weekdays: [2] }, nextDueDate: LONG_AGO });
    await home.admin.client.chores.skip(weekly.id);
    expect((await home.admin.client.chores.undo(weekly.id)).nextDueDate).toBe(weekly.nextDueDate);

    const oneOff = await makeChore(home.admin.client, { points: 3 });
    const before = await pointsByUser(home.admin.client);
    expect((await home.admin.client.chores.do(oneOff.id)).finishedAt).not.toBeNull();
    const reopened = await home.admin.client.chores.undo(oneOff.id);
    expect(reopened).toMatchObject({ finishedAt: null, nextDueDate: null });
    expect(await pointsByUser(home.admin.client)).toEqual(before);
    await expect(home.admin.client.chores.do(oneOff.id)).resolves.toMatchObject({ finishedAt: expect.any(String) });
  });

  it("undoes only the latest do or skip, once", async () => {
    const chore = await makeChore(home.admin.client, { frequency: { type: "daily" }, nextDueDate: LONG_AGO, points: 1 });
    await expectApiError(home.admin.client.chores.undo(chore.id), 409, "undo_unavailable");
    const first = await home.admin.client.chores.do(chore.id, { completedAt: "2024-05-01T10:00:00+02:00", dueDate: chore.nextDueDate });
    const second = await home.admin.client.chores.do(chore.id, { completedAt: "2024-05-02T10:00:00+02:00", dueDate: first.nextDueDate });
    expect((await home.admin.client.chores.undo(chore.id)).nextDueDate).toBe(first.nextDueDate);
    // The earlier completion is no longer the chore's latest action: the undo changed it since.
    await expectApiError(home.admin.client.chores.undo(chore.id), 409, "undo_unavailable");
    expect(second.nextDueDate).not.toBe(first.nextDueDate);
    expect((await home.admin.client.chores.history(chore.id)).history).toHaveLength(1);
  });

  it("is refused once something else happened to the chore", async () => {
    const timed = await makeChore(home.admin.client, { frequency: { type: "daily" }, nextDueDate: LONG_AGO });
    await home.admin.client.chores.do(timed.id);
    await home.admin.client.chores.start(timed.id);
    await expectApiError(home.admin.client.chores.undo(timed.id), 409, "undo_unavailable");

    const edited = await makeChore(home.admin.client, { frequency: { type: "daily" }, nextDueDate: LONG_AGO });
    await home.admin.client.chores.do(edited.id);
    await home.admin.client.chores.update(edited.id, { name: "Renamed" });
    await expectApiError(home.admin.client.chores.undo(edited.id), 409, "undo_unavailable");
  });

  it("is refused after ten minutes", async () => {
    const chore = await makeChore(home.admin.client, { frequency: { type: "daily" }, nextDueDate: LONG_AGO, points: 2 });
    const done = await home.admin.client.chores.do(chore.id);
    await server.db.prisma.$executeRaw`UPDATE "Chore" SET "updatedAt" = now() - interval '11 minutes' WHERE "id" = ${chore.id}`;
    const before = await pointsByUser(home.admin.client);
    await expectApiError(home.admin.client.chores.undo(chore.id), 409, "undo_unavailable");
    expect(await pointsByUser(home.admin.client)).toEqual(before);
    expect((await home.admin.client.chores.get(chore.id)).nextDueDate).toBe(done.nextDueDate);
  });

  it("is refused to anyone but the person who did it", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id],
      points: 4,
    });
    await home.member.client.chores.do(chore.id);
    await expectApiError(home.admin.client.chores.undo(chore.id), 409, "undo_unavailable");
    await expectApiError(home.manager.client.chores.undo(chore.id), 409, "undo_unavailable");
    const lookalike = server.client(home.admin.token);
    lookalike.setImpersonateUserId(home.member.user.id);
    await expectApiError(lookalike.chores.undo(chore.id), 409, "undo_unavailable");
    await expect(home.member.client.chores.undo(chore.id)).resolves.toMatchObject({ nextDueDate: chore.nextDueDate });
  });

  it("while impersonating, undoes what the same actor did as the same member", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "daily" },
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id],
      points: 6,
    });
    const asMember = server.client(home.manager.token);
    asMember.setImpersonateUserId(home.member.user.id);
    const before = await pointsByUser(home.admin.client);
    await asMember.chores.do(chore.id);
    // Neither the manager as themselves nor the member may take it back.
    await expectApiError(home.manager.client.chores.undo(chore.id), 409, "undo_unavailable");
    await expectApiError(home.member.client.chores.undo(chore.id), 409, "undo_unavailable");

    const undone = await asMember.chores.undo(chore.id);
    expect(undone).toMatchObject({ updatedBy: home.manager.user.id, performedAs: home.member.user.id, nextDueDate: chore.nextDueDate });
    expect(await pointsByUser(home.admin.client)).toEqual(before);
    const event = (await auditOf(chore.id)).at(-1)!;
    expect(event).toMatchObject({ action: "chore.undone", actorUserId: home.manager.user.id, subjectUserId: home.member.user.id });
    expect(event.payload).toMatchObject({ impersonatedUserId: home.member.user.id, performedAs: home.member.user.id });
  });
});
