import { expectInvalidField, makeChore, rawRequest } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, type TestCircle } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server, "Europe/Berlin");
});
afterAll(() => server.close());

const auditActions = async (choreId: number) =>
  (await server.db.prisma.auditEvent.findMany({ where: { entityType: "chore", entityId: String(choreId) }, orderBy: { id: "asc" } })).map(
    (event) => event.action,
  );

describe("POST /chores", () => {
  it("answers 401 without a token", async () => {
    await expectApiError(server.client().chores.create({ name: "Dishes" }), 401, "unauthenticated");
  });

  it("creates a one-off chore for its creator by default", async () => {
    const chore = await home.member.client.chores.create({ name: "Tidy room" });
    const id = home.member.user.id;
    expect(chore).toMatchObject({
      name: "Tidy room",
      description: "",
      frequency: { type: "once" },
      scheduleMode: "fixed",
      nextDueDate: null,
      assignees: [id],
      assignedTo: id,
      assignmentStrategy: "keep",
      points: 0,
      priority: 0,
      labels: [],
      isPrivate: false,
      status: "idle",
      timerSeconds: 0,
      timerRunningSince: null,
      archived: false,
      finishedAt: null,
      version: 1,
      circleId: home.member.user.circleId,
      createdBy: id,
      updatedBy: id,
      performedAs: id,
    });
    expect(await home.member.client.chores.get(chore.id)).toEqual(chore);
    expect(await auditActions(chore.id)).toEqual(["chore.created"]);
  });

  it("stores every field, keeping assignees in the given rotation order", async () => {
    const chore = await home.admin.client.chores.create({
      name: "Dishes",
      description: "Load and run the dishwasher",
      frequency: { type: "weekly", weekdays: [1, 4, 7] },
      scheduleMode: "rolling",
      nextDueDate: "2030-05-06T19:00:00+02:00",
      assignees: [home.member.user.id, home.manager.user.id, home.admin.user.id],
      assignedTo: home.manager.user.id,
      assignmentStrategy: "round_robin",
      points: 5,
      priority: 4,
      labels: ["kitchen", "daily grind"],
      isPrivate: false,
    });
    expect(chore).toMatchObject({
      frequency: { type: "weekly", weekdays: [1, 4, 7] },
      scheduleMode: "rolling",
      nextDueDate: "2030-05-06T17:00:00.000Z",
      assignees: [home.member.user.id, home.manager.user.id, home.admin.user.id],
      assignedTo: home.manager.user.id,
      assignmentStrategy: "round_robin",
      points: 5,
      priority: 4,
      labels: ["kitchen", "daily grind"],
    });
  });

  it("assigns the first assignee when assignedTo is not given", async () => {
    const chore = await makeChore(home.admin.client, { assignees: [home.manager.user.id, home.member.user.id] });
    expect(chore.assignedTo).toBe(home.manager.user.id);
  });

  it("names every invalid field", async () => {
    const { status, error } = await rawRequest(server, home.admin, "POST", "/chores", {
      name: " ",
      frequency: { type: "weekly", weekdays: [] },
      priority: 5,
      points: -1,
      labels: ["a", "a"],
      nextDueDate: "tomorrow",
      extra: 1,
    });
    expect(status).toBe(400);
    expect(error?.code).toBe("validation_failed");
    expect(Object.keys(error?.details?.fields ?? {}).sort()).toEqual(
      ["extra", "frequency.weekdays", "labels", "name", "nextDueDate", "points", "priority"].sort(),
    );
  });

  it.each([
    [{ type: "monthly" }, "frequency.dayOfMonth"],
    [{ type: "monthly", dayOfMonth: 32 }, "frequency.dayOfMonth"],
    [{ type: "weekly", weekdays: [0] }, "frequency.weekdays.0"],
    [{ type: "weekly", weekdays: [1, 1] }, "frequency.weekdays"],
    [{ type: "interval", every: 0, unit: "days" }, "frequency.every"],
    [{ type: "interval", every: 2, unit: "hours" }, "frequency.unit"],
    [{ type: "daily", weekdays: [1] }, "frequency.weekdays"],
    [{ type: "hourly" }, "frequency.type"],
    ["daily", "frequency"],
  ])("rejects the frequency %j naming %s", async (frequency, field) => {
    const { status, error } = await rawRequest(server, home.admin, "POST", "/chores", { name: "Bad", frequency });
    expect(status).toBe(400);
    expect(Object.keys(error?.details?.fields ?? {})).toContain(field);
  });

  it("refuses assignees who are not active members of the circle", async () => {
    const stranger = await signUp(server);
    const pending = await signUp(server);
    await pending.client.circles.join({ inviteCode: (await home.admin.client.circles.current()).inviteCode! });
    for (const userId of [stranger.user.id, pending.user.id, 2_000_000_000]) {
      await expectInvalidField(home.admin.client.chores.create({ name: "Nope", assignees: [home.admin.user.id, userId] }), "assignees");
    }
  });

  it("refuses an assignedTo who is not an assignee", async () => {
    await expectInvalidField(
      home.admin.client.chores.create({ name: "Nope", assignees: [home.member.user.id], assignedTo: home.manager.user.id }),
      "assignedTo",
    );
  });

  it("answers 403 to someone who is in no circle", async () => {
    const leaver = await addMember(server, home.admin);
    await home.admin.client.circles.removeMember(leaver.user.id);
    await expectApiError(leaver.client.chores.create({ name: "Homeless" }), 403, "forbidden");
    await expectApiError(leaver.client.chores.list(), 403, "forbidden");
  });
});

describe("GET /chores", () => {
  let other: TestCircle;
  beforeAll(async () => {
    other = await createHousehold(server);
  });

  it("answers 401 without a token", async () => {
    await expectApiError(server.client().chores.list(), 401, "unauthenticated");
  });

  it("lists the circle's chores but not other circles'", async () => {
    const ours = await makeChore(home.admin.client);
    const theirs = await makeChore(other.admin.client);
    const ids = (await home.member.client.chores.list()).chores.map((chore) => chore.id);
    expect(ids).toContain(ours.id);
    expect(ids).not.toContain(theirs.id);
  });

  it("shows private chores only to their creator and assignees", async () => {
    const diary = await makeChore(home.member.client, { isPrivate: true });
    const shared = await makeChore(home.member.client, { isPrivate: true, assignees: [home.member.user.id, home.manager.user.id] });
    const seenBy = async (user: typeof home.admin) => (await user.client.chores.list()).chores.map((chore) => chore.id);
    expect(await seenBy(home.member)).toEqual(expect.arrayContaining([diary.id, shared.id]));
    expect(await seenBy(home.manager)).toContain(shared.id);
    expect(await seenBy(home.manager)).not.toContain(diary.id);
    expect(await seenBy(home.admin)).not.toContain(diary.id);
    expect(await seenBy(home.admin)).not.toContain(shared.id);
  });

  it("filters by assignedTo=me and by user id", async () => {
    const forMember = await makeChore(home.admin.client, { assignees: [home.member.user.id] });
    const forManager = await makeChore(home.admin.client, { assignees: [home.manager.user.id] });
    const mine = (await home.member.client.chores.list({ assignedTo: "me" })).chores;
    expect(mine.every((chore) => chore.assignedTo === home.member.user.id)).toBe(true);
    expect(mine.map((chore) => chore.id)).toContain(forMember.id);
    const managers = (await home.member.client.chores.list({ assignedTo: home.manager.user.id })).chores;
    expect(managers.map((chore) => chore.id)).toEqual(expect.arrayContaining([forManager.id]));
    expect(managers.every((chore) => chore.assignedTo === home.manager.user.id)).toBe(true);
  });

  it("hides archived chores unless includeArchived=true", async () => {
    const chore = await makeChore(home.admin.client);
    await home.admin.client.chores.update(chore.id, { archived: true });
    const listed = async (includeArchived?: "true" | "false") =>
      (await home.admin.client.chores.list(includeArchived ? { includeArchived } : {})).chores.map(({ id }) => id);
    expect(await listed()).not.toContain(chore.id);
    expect(await listed("false")).not.toContain(chore.id);
    expect(await listed("true")).toContain(chore.id);
  });

  it("lists only the chores due now and still to do with due=now, and refuses another value naming the field", async () => {
    const h = await createHousehold(server);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const daily = { type: "daily" } as const;
    const mine = { assignees: [h.member.user.id], frequency: daily };
    const due = await makeChore(h.admin.client, { ...mine, name: "Due", nextDueDate: hourAgo });
    await makeChore(h.admin.client, { ...mine, name: "Later", nextDueDate: new Date(Date.now() + 3_600_000).toISOString() });
    await makeChore(h.admin.client, { ...mine, name: "Undated", frequency: { type: "once" } });
    const waiting = await makeChore(h.admin.client, { ...mine, name: "Waiting", nextDueDate: hourAgo, needsApproval: true });
    await h.member.client.chores.do(waiting.id, {});
    const done = await makeChore(h.admin.client, { assignees: [h.member.user.id], name: "Once", nextDueDate: hourAgo });
    await h.member.client.chores.do(done.id, {});
    const dueNow = async () => (await h.member.client.chores.list({ assignedTo: "me", due: "now" })).chores.map(({ name }) => name);
    expect(await dueNow()).toEqual([due.name]);
    // Not due for a member while they are away (decision 0034).
    const today = new Date().toISOString().slice(0, 10);
    const away = await h.member.client.circles.createAwayPeriod({ userId: h.member.user.id, startsOn: today, endsOn: today });
    // Due a second ago: within today's away day (the circle's zone is UTC).
    await h.admin.client.chores.update(due.id, { nextDueDate: new Date(Date.now() - 1000).toISOString() });
    expect(await dueNow()).toEqual([]);
    await h.member.client.circles.deleteAwayPeriod(away.id);
    expect(await dueNow()).toEqual([due.name]);
    const refused = await rawRequest(server, h.member, "GET", "/chores?due=soon");
    expect(refused).toMatchObject({ status: 400, error: { code: "validation_failed", details: { fields: { due: "due is 'now'" } } } });
  });

  it("orders by next due date, undated last", async () => {
    const circle = await signUp(server);
    const later = await makeChore(circle.client, { nextDueDate: "2031-01-02T10:00:00Z" });
    const undated = await makeChore(circle.client);
    const sooner = await makeChore(circle.client, { nextDueDate: "2031-01-01T10:00:00Z" });
    expect((await circle.client.chores.list()).chores.map(({ id }) => id)).toEqual([sooner.id, later.id, undated.id]);
  });

  it.each([
    ["assignedTo=someone", "assignedTo"],
    ["assignedTo=0", "assignedTo"],
    ["includeArchived=yes", "includeArchived"],
    ["assignedTo=me&assignedTo=1", "assignedTo"],
    ["color=red", "color"],
  ])("rejects ?%s naming %s", async (query, field) => {
    const { status, error } = await rawRequest(server, home.admin, "GET", `/chores?${query}`);
    expect(status).toBe(400);
    expect(Object.keys(error?.details?.fields ?? {})).toContain(field);
  });

  it("while impersonating, lists only the target's assigned chores whatever the query says", async () => {
    const forMember = await makeChore(home.admin.client, { assignees: [home.member.user.id] });
    const byMemberForManager = await makeChore(home.member.client, { assignees: [home.manager.user.id] });
    const asMember = server.client(home.admin.token);
    asMember.setImpersonateUserId(home.member.user.id);
    for (const query of [{}, { assignedTo: home.manager.user.id }, { assignedTo: "me" as const }]) {
      const listed = (await asMember.chores.list(query)).chores;
      expect(listed.map(({ id }) => id)).toContain(forMember.id);
      expect(listed.map(({ id }) => id)).not.toContain(byMemberForManager.id);
      expect(listed.every((chore) => chore.assignedTo === home.member.user.id)).toBe(true);
    }
  });

  it("uses the same number of SQL statements for 1 chore as for 50", async () => {
    const owner = await signUp(server);
    const helper = await addMember(server, owner);
    await makeChore(owner.client, { assignees: [owner.user.id, helper.user.id], labels: ["x"] });
    const one = await rawRequest(server, owner, "GET", "/chores");
    for (let i = 0; i < 49; i += 1) await makeChore(owner.client, { assignees: [helper.user.id, owner.user.id] });
    const fifty = await rawRequest(server, owner, "GET", "/chores");
    expect(fifty.status).toBe(200);
    expect(one.sqlStatements).toBeGreaterThan(0);
    expect(fifty.sqlStatements).toBe(one.sqlStatements);
    expect(fifty.sqlStatements).toBeLessThanOrEqual(4);
  });
});

describe("GET /chores/:id", () => {
  it("answers 401 without a token", async () => {
    await expectApiError(server.client().chores.get(1), 401, "unauthenticated");
  });

  it.each(["abc", "0", "01", "-1", "1.5", "99999999999"])("answers 400 naming id for /chores/%s", async (id) => {
    const { status, error } = await rawRequest(server, home.admin, "GET", `/chores/${id}`);
    expect(status).toBe(400);
    expect(Object.keys(error?.details?.fields ?? {})).toEqual(["id"]);
  });

  it("answers 404 for a chore of another circle, the same as for one that does not exist", async () => {
    const outsider = await signUp(server);
    const theirs = await makeChore(outsider.client);
    await expectApiError(home.admin.client.chores.get(theirs.id), 404, "not_found");
    await expectApiError(home.admin.client.chores.get(2_000_000_000), 404, "not_found");
  });

  it("answers 404 for someone else's private chore, even to an admin", async () => {
    const secret = await makeChore(home.member.client, { isPrivate: true });
    await expectApiError(home.admin.client.chores.get(secret.id), 404, "not_found");
    await expectApiError(home.manager.client.chores.get(secret.id), 404, "not_found");
    expect((await home.member.client.chores.get(secret.id)).id).toBe(secret.id);
  });
});

describe("PUT /chores/:id", () => {
  it("answers 401 without a token", async () => {
    await expectApiError(server.client().chores.update(1, { name: "x" }), 401, "unauthenticated");
  });

  it("changes only the named fields and bumps the version", async () => {
    const chore = await makeChore(home.member.client, { points: 3, labels: ["a"], priority: 2 });
    const updated = await home.member.client.chores.update(chore.id, { name: "Renamed", priority: 1 });
    expect(updated).toMatchObject({ name: "Renamed", priority: 1, points: 3, labels: ["a"], version: chore.version + 1 });
    expect(await auditActions(chore.id)).toEqual(["chore.created", "chore.updated"]);
  });

  it("lets admins and managers edit any visible chore, recording who did", async () => {
    const chore = await makeChore(home.member.client);
    const byManager = await home.manager.client.chores.update(chore.id, { points: 7 });
    expect(byManager).toMatchObject({
      points: 7,
      updatedBy: home.manager.user.id,
      performedAs: home.manager.user.id,
      createdBy: home.member.user.id,
    });
    const byAdmin = await home.admin.client.chores.update(chore.id, { description: "With care" });
    expect(byAdmin.updatedBy).toBe(home.admin.user.id);
    expect(Date.parse(byAdmin.updatedAt)).toBeGreaterThanOrEqual(Date.parse(byManager.updatedAt));
  });

  it("answers 403 when a member edits someone else's chore, even one assigned to them", async () => {
    const chore = await makeChore(home.admin.client, { assignees: [home.member.user.id] });
    await expectApiError(home.member.client.chores.update(chore.id, { name: "Mine now" }), 403, "forbidden");
  });

  it("answers 404 for someone else's private chore", async () => {
    const secret = await makeChore(home.member.client, { isPrivate: true });
    await expectApiError(home.admin.client.chores.update(secret.id, { name: "Peek" }), 404, "not_found");
  });

  it("replaces the assignees, passing the chore on when its assignee is removed", async () => {
    const chore = await makeChore(home.admin.client, { assignees: [home.member.user.id, home.manager.user.id] });
    const reordered = await home.admin.client.chores.update(chore.id, { assignees: [home.admin.user.id, home.manager.user.id] });
    expect(reordered).toMatchObject({ assignees: [home.admin.user.id, home.manager.user.id], assignedTo: home.admin.user.id });
    const kept = await home.admin.client.chores.update(chore.id, { assignees: [home.manager.user.id, home.admin.user.id] });
    expect(kept).toMatchObject({ assignees: [home.manager.user.id, home.admin.user.id], assignedTo: home.admin.user.id });
    const explicit = await home.admin.client.chores.update(chore.id, { assignedTo: home.manager.user.id });
    expect(explicit.assignedTo).toBe(home.manager.user.id);
  });

  it("names invalid fields", async () => {
    const chore = await makeChore(home.admin.client);
    await expectInvalidField(home.admin.client.chores.update(chore.id, { priority: 5 }), "priority");
    await expectInvalidField(home.admin.client.chores.update(chore.id, { assignees: [2_000_000_000] }), "assignees");
    await expectInvalidField(home.admin.client.chores.update(chore.id, { assignedTo: home.manager.user.id }), "assignedTo");
    await expectInvalidField(home.admin.client.chores.update(chore.id, {}), "body");
    const unchanged = await home.admin.client.chores.get(chore.id);
    expect(unchanged.version).toBe(chore.version);
  });

  it("archives and unarchives", async () => {
    const chore = await makeChore(home.admin.client);
    expect((await home.admin.client.chores.update(chore.id, { archived: true })).archived).toBe(true);
    expect((await home.admin.client.chores.update(chore.id, { archived: false })).archived).toBe(false);
  });

  it("restarts a fixed schedule at a new due date, and a new due date reopens a finished one-off chore", async () => {
    const chore = await makeChore(home.admin.client, { nextDueDate: "2024-05-01T09:00:00+02:00" });
    await home.admin.client.chores.do(chore.id, { completedAt: "2024-05-01T10:00:00+02:00" });
    const reopened = await home.admin.client.chores.update(chore.id, {
      frequency: { type: "monthly", dayOfMonth: 31 },
      nextDueDate: "2024-01-31T09:00:00+01:00",
    });
    expect(reopened).toMatchObject({ finishedAt: null, nextDueDate: "2024-01-31T08:00:00.000Z" });
    const stored = await server.db.prisma.chore.findUniqueOrThrow({ where: { id: chore.id } });
    expect(stored.scheduleAnchor?.toISOString()).toBe("2024-01-31T08:00:00.000Z");
  });
});

describe("DELETE /chores/:id", () => {
  it("answers 401 without a token", async () => {
    await expectApiError(server.client().chores.remove(1), 401, "unauthenticated");
  });

  it("lets the creator delete their chore, with its history", async () => {
    const chore = await makeChore(home.member.client);
    await home.member.client.chores.do(chore.id);
    await home.member.client.chores.remove(chore.id);
    await expectApiError(home.member.client.chores.get(chore.id), 404, "not_found");
    expect(await server.db.prisma.choreHistory.count({ where: { choreId: chore.id } })).toBe(0);
    expect(await auditActions(chore.id)).toEqual(["chore.created", "chore.completed", "chore.deleted"]);
  });

  it("lets an admin delete anyone's visible chore", async () => {
    const chore = await makeChore(home.member.client);
    await home.admin.client.chores.remove(chore.id);
    await expectApiError(home.admin.client.chores.get(chore.id), 404, "not_found");
  });

  it("answers 403 to managers and to members who did not create the chore", async () => {
    const chore = await makeChore(home.admin.client, { assignees: [home.member.user.id, home.manager.user.id] });
    await expectApiError(home.manager.client.chores.remove(chore.id), 403, "forbidden");
    await expectApiError(home.member.client.chores.remove(chore.id), 403, "forbidden");
    expect((await home.admin.client.chores.get(chore.id)).id).toBe(chore.id);
  });

  it("answers 404 for other circles' and invisible chores", async () => {
    const outsider = await signUp(server);
    const theirs = await makeChore(outsider.client);
    const secret = await makeChore(home.member.client, { isPrivate: true });
    await expectApiError(home.admin.client.chores.remove(theirs.id), 404, "not_found");
    await expectApiError(home.admin.client.chores.remove(secret.id), 404, "not_found");
  });
});

describe("list and single reads agree", () => {
  it("presents every chore in GET /chores exactly as GET /chores/:id does", async () => {
    const { admin, member } = await createHousehold(server);
    await admin.client.chores.create({ name: "No date" });
    const timed = await admin.client.chores.create({
      name: "Timed",
      frequency: { type: "weekly", weekdays: [2, 6] },
      nextDueDate: "2026-03-29T00:30:00.123+01:00",
      assignees: [member.user.id, admin.user.id],
      labels: ["kitchen", "daily"],
      description: 'Quotes " and \\ backslashes',
      points: 3,
      priority: 4,
    });
    await member.client.chores.start(timed.id);
    await member.client.chores.pause(timed.id);
    await member.client.chores.do(timed.id, { note: "done" });
    const { chores } = await admin.client.chores.list({ includeArchived: "true" });
    expect(chores.length).toBe(2);
    for (const chore of chores) expect(chore).toEqual(await admin.client.chores.get(chore.id));
  });
});
