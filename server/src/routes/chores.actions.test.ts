import type { Chore } from "@chorus/shared";
import { expectInvalidField, makeChore, pointsByUser, rawRequest } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server, "Europe/Berlin");
});
afterAll(() => server.close());

const DAILY = { type: "daily" } as const;
/** A due date long past, so the chore is due and can be done without naming the occurrence. */
const LONG_AGO = "2024-05-01T09:00:00+02:00";
/** A chore's history but its missed rows: these tests' chores, due in 2024 and done now, jump over many (decision 0031). */
const historyOf = async (user: TestUser, choreId: number) =>
  (await user.client.chores.history(choreId, { limit: "200" })).history.filter((entry) => entry.action !== "missed");

describe("POST /chores/:id/do", () => {
  it("answers 401 without a token and 400 for a bad id", async () => {
    await expectApiError(server.client().chores.do(1), 401, "unauthenticated");
    const { status, error } = await rawRequest(server, home.admin, "POST", "/chores/abc/do", {});
    expect(status).toBe(400);
    expect(Object.keys(error?.details?.fields ?? {})).toEqual(["id"]);
  });

  it("credits points, writes history, advances the schedule and rotates the assignee", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: "2024-05-01T09:00:00+02:00",
      assignees: [home.member.user.id, home.manager.user.id],
      assignmentStrategy: "round_robin",
      points: 5,
    });
    const before = await pointsByUser(home.admin.client);
    const done = await home.member.client.chores.do(chore.id, {
      note: "Sparkling",
      completedAt: "2024-05-01T09:30:00+02:00",
      dueDate: "2024-05-01T07:00:00.000Z",
    });
    expect(done).toMatchObject({
      nextDueDate: "2024-05-02T07:00:00.000Z",
      assignedTo: home.manager.user.id,
      status: "idle",
      version: chore.version + 1,
      updatedBy: home.member.user.id,
      performedAs: home.member.user.id,
    });
    const after = await pointsByUser(home.admin.client);
    expect(after.get(home.member.user.id)).toBe(before.get(home.member.user.id)! + 5);
    expect(after.get(home.manager.user.id)).toBe(before.get(home.manager.user.id));
    expect(await historyOf(home.member, chore.id)).toEqual([
      expect.objectContaining({
        choreId: chore.id,
        action: "completed",
        note: "Sparkling",
        points: 5,
        dueDate: "2024-05-01T07:00:00.000Z",
        updatedBy: home.member.user.id,
        performedAs: home.member.user.id,
        createdAt: "2024-05-01T07:30:00.000Z",
      }),
    ]);
    const audit = await server.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "chore.completed", entityId: String(chore.id) } });
    expect(audit).toMatchObject({ actorUserId: home.member.user.id, subjectUserId: null, outcome: "allowed" });
    expect(audit.payload).toMatchObject({ points: 5, dueDate: "2024-05-01T07:00:00.000Z", nextDueDate: "2024-05-02T07:00:00.000Z" });
  });

  it("hands a random chore to one of its assignees, and an unassigned chore to nobody", async () => {
    const assignees = [home.member.user.id, home.manager.user.id, home.admin.user.id];
    const lottery = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees,
      assignmentStrategy: "random",
    });
    // Catching up on missed days names each occurrence (decision 0007).
    let dueDate = lottery.nextDueDate;
    for (let day = 1; day <= 5; day += 1) {
      const done = await home.admin.client.chores.do(lottery.id, { completedAt: `2024-05-0${day}T10:00:00+02:00`, dueDate });
      expect(assignees).toContain(done.assignedTo);
      dueDate = done.nextDueDate;
    }
    const unassigned = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [],
      assignmentStrategy: "round_robin",
    });
    expect(unassigned.assignedTo).toBeNull();
    await expectApiError(home.member.client.chores.do(unassigned.id), 403, "forbidden");
    expect((await home.manager.client.chores.do(unassigned.id)).assignedTo).toBeNull();
  });

  it("answers 409 stale_occurrence when the client saw another occurrence", async () => {
    const chore = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: "2024-05-01T09:00:00+02:00" });
    await expect(home.admin.client.chores.do(chore.id, { dueDate: "2024-04-30T07:00:00.000Z" })).rejects.toMatchObject({
      status: 409,
      code: "stale_occurrence",
    });
    await expectApiError(home.admin.client.chores.skip(chore.id, { dueDate: null }), 409, "stale_occurrence");
    expect(await historyOf(home.admin, chore.id)).toEqual([]);
  });

  it("refuses a completedAt in the future, allowing a little clock skew", async () => {
    const chore = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: "2024-05-01T09:00:00+02:00" });
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await expectInvalidField(home.admin.client.chores.do(chore.id, { completedAt: inAnHour }), "completedAt");
    await expectInvalidField(home.admin.client.chores.do(chore.id, { completedAt: "yesterday" }), "completedAt");
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    await expect(home.admin.client.chores.do(chore.id, { completedAt: inAMinute })).resolves.toMatchObject({ id: chore.id });
  });

  it("finishes a one-off chore; doing or skipping it again is 409 invalid_state", async () => {
    const chore = await makeChore(home.admin.client, { nextDueDate: "2024-05-01T09:00:00+02:00", points: 2 });
    const done = await home.admin.client.chores.do(chore.id);
    expect(done.nextDueDate).toBeNull();
    expect(done.finishedAt).not.toBeNull();
    await expectApiError(home.admin.client.chores.do(chore.id), 409, "invalid_state");
    await expectApiError(home.admin.client.chores.skip(chore.id), 409, "invalid_state");
    await expectApiError(home.admin.client.chores.start(chore.id), 409, "invalid_state");
  });

  it("refuses archived chores with 409 invalid_state", async () => {
    const chore = await makeChore(home.admin.client, { frequency: DAILY });
    await home.admin.client.chores.update(chore.id, { archived: true });
    await expectApiError(home.admin.client.chores.do(chore.id), 409, "invalid_state");
    await expectApiError(home.admin.client.chores.skip(chore.id), 409, "invalid_state");
    await expectApiError(home.admin.client.chores.start(chore.id), 409, "invalid_state");
  });

  it("in fixed mode, a completion long after the due date moves to the first occurrence after it", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "monthly", dayOfMonth: 31 },
      nextDueDate: "2024-01-31T20:00:00+01:00",
    });
    const done = await home.admin.client.chores.do(chore.id, { completedAt: "2024-04-02T12:00:00+02:00", dueDate: chore.nextDueDate });
    expect(done.nextDueDate).toBe("2024-04-30T18:00:00.000Z");
    // Naming no occurrence means "what is due now": the schedule moves past today.
    const caughtUp = await home.admin.client.chores.do(chore.id, { completedAt: "2024-05-02T12:00:00+02:00" });
    expect(Date.parse(caughtUp.nextDueDate!)).toBeGreaterThan(Date.now());
  });
});

describe("who may act", () => {
  it("lets a member act only on chores they are assigned to", async () => {
    const theirs = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id, home.manager.user.id],
      assignedTo: home.manager.user.id,
    });
    const notTheirs = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [home.manager.user.id] });
    await expect(home.member.client.chores.do(theirs.id)).resolves.toMatchObject({ id: theirs.id });
    await expect(home.member.client.chores.start(theirs.id)).resolves.toMatchObject({ status: "in_progress" });
    for (const attempt of [
      home.member.client.chores.do(notTheirs.id),
      home.member.client.chores.skip(notTheirs.id),
      home.member.client.chores.start(notTheirs.id),
      home.member.client.chores.pause(notTheirs.id),
    ]) {
      await expectApiError(attempt, 403, "forbidden");
    }
    expect(await historyOf(home.admin, notTheirs.id)).toEqual([]);
  });

  it("lets admins and managers act on any visible chore of the circle", async () => {
    const chore = await makeChore(home.member.client, { frequency: DAILY, nextDueDate: LONG_AGO, points: 4 });
    const done = await home.manager.client.chores.do(chore.id);
    expect(done).toMatchObject({ performedAs: home.manager.user.id });
    await expect(home.admin.client.chores.skip(chore.id, { dueDate: done.nextDueDate })).resolves.toMatchObject({
      performedAs: home.admin.user.id,
    });
  });

  it("answers 404 for other circles' chores and others' private chores", async () => {
    const outsider = await signUp(server);
    const theirs = await makeChore(outsider.client, { frequency: DAILY });
    const secret = await makeChore(home.member.client, { frequency: DAILY, isPrivate: true });
    for (const id of [theirs.id, secret.id]) {
      await expectApiError(home.admin.client.chores.do(id), 404, "not_found");
      await expectApiError(home.admin.client.chores.history(id), 404, "not_found");
    }
  });

  it("while impersonating, acts with the target's permissions and attributes to both", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: LONG_AGO,
      assignees: [home.member.user.id],
      points: 6,
    });
    const notMembers = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: LONG_AGO, assignees: [home.admin.user.id] });
    const asMember = server.client(home.admin.token);
    asMember.setImpersonateUserId(home.member.user.id);
    const before = await pointsByUser(home.admin.client);
    const done = await asMember.chores.do(chore.id, { note: "Helped on the tablet" });
    expect(done).toMatchObject({ updatedBy: home.admin.user.id, performedAs: home.member.user.id });
    const after = await pointsByUser(home.admin.client);
    expect(after.get(home.member.user.id)).toBe(before.get(home.member.user.id)! + 6);
    expect(after.get(home.admin.user.id)).toBe(before.get(home.admin.user.id));
    expect((await historyOf(home.member, chore.id))[0]).toMatchObject({
      action: "completed",
      updatedBy: home.admin.user.id,
      performedAs: home.member.user.id,
    });
    const audit = await server.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "chore.completed", entityId: String(chore.id) } });
    expect(audit).toMatchObject({ actorUserId: home.admin.user.id, subjectUserId: home.member.user.id });
    expect(audit.payload).toMatchObject({ impersonatedUserId: home.member.user.id });
    await expectApiError(asMember.chores.do(notMembers.id), 403, "forbidden");
  });
});

describe("POST /chores/:id/skip", () => {
  it("advances the schedule without points and keeps the assignee", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: { type: "weekly", weekdays: [1, 4] },
      nextDueDate: "2030-05-06T18:00:00+02:00",
      assignees: [home.member.user.id, home.manager.user.id],
      assignmentStrategy: "round_robin",
      points: 5,
    });
    const before = await pointsByUser(home.admin.client);
    const skipped = await home.member.client.chores.skip(chore.id, { note: "Away", dueDate: "2030-05-06T16:00:00.000Z" });
    expect(skipped).toMatchObject({ nextDueDate: "2030-05-09T16:00:00.000Z", assignedTo: home.member.user.id });
    expect(await pointsByUser(home.admin.client)).toEqual(before);
    expect(await historyOf(home.member, chore.id)).toEqual([
      expect.objectContaining({ action: "skipped", points: 0, note: "Away", dueDate: "2030-05-06T16:00:00.000Z" }),
    ]);
  });

  it("skipping an overdue fixed chore moves to the first occurrence still ahead", async () => {
    const chore = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: "2024-05-01T09:00:00+02:00" });
    const skipped = await home.admin.client.chores.skip(chore.id);
    const next = Date.parse(skipped.nextDueDate!);
    expect(next).toBeGreaterThan(Date.now());
    expect(next).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
  });

  it("skipping a one-off chore finishes it", async () => {
    const chore = await makeChore(home.admin.client);
    const skipped = await home.admin.client.chores.skip(chore.id);
    expect(skipped.finishedAt).not.toBeNull();
  });
});

describe("PUT /chores/:id/start and /pause", () => {
  it("answers 401 without a token", async () => {
    await expectApiError(server.client().chores.start(1), 401, "unauthenticated");
    await expectApiError(server.client().chores.pause(1), 401, "unauthenticated");
  });

  it("runs, pauses, resumes and resets the timer with history rows", async () => {
    const chore = await makeChore(home.member.client, { frequency: DAILY, nextDueDate: "2024-05-01T09:00:00+02:00" });
    await expectApiError(home.member.client.chores.pause(chore.id), 409, "invalid_state");
    const started = await home.member.client.chores.start(chore.id);
    expect(started).toMatchObject({ status: "in_progress", timerSeconds: 0 });
    expect(started.timerRunningSince).not.toBeNull();
    await expectApiError(home.member.client.chores.start(chore.id), 409, "invalid_state");
    // Backdate the running stretch so the pause has seconds to add.
    await server.db.prisma.chore.update({ where: { id: chore.id }, data: { timerRunningSince: new Date(Date.now() - 90_000) } });
    const paused = await home.member.client.chores.pause(chore.id);
    expect(paused).toMatchObject({ status: "paused", timerRunningSince: null });
    expect(paused.timerSeconds).toBeGreaterThanOrEqual(90);
    expect(paused.timerSeconds).toBeLessThan(120);
    await expectApiError(home.member.client.chores.pause(chore.id), 409, "invalid_state");
    const resumed = await home.member.client.chores.start(chore.id);
    expect(resumed).toMatchObject({ status: "in_progress", timerSeconds: paused.timerSeconds });
    const done = await home.member.client.chores.do(chore.id);
    expect(done).toMatchObject({ status: "idle", timerSeconds: 0, timerRunningSince: null });
    const history = await historyOf(home.member, chore.id);
    expect(history.map((entry) => entry.action)).toEqual(["completed", "started", "paused", "started"]);
    expect(history.every((entry) => entry.dueDate === "2024-05-01T07:00:00.000Z")).toBe(true);
    const audit = await server.db.prisma.auditEvent.findMany({
      where: { entityType: "chore", entityId: String(chore.id) },
      orderBy: { id: "asc" },
    });
    expect(audit.map((event) => event.action)).toEqual([
      "chore.created",
      "chore.started",
      "chore.paused",
      "chore.started",
      "chore.completed",
    ]);
  });

  it("rejects a body with unknown fields", async () => {
    const chore = await makeChore(home.admin.client);
    const { status, error } = await rawRequest(server, home.admin, "PUT", `/chores/${chore.id}/start`, { force: true });
    expect(status).toBe(400);
    expect(Object.keys(error?.details?.fields ?? {})).toEqual(["force"]);
  });
});

describe("GET /chores/:id/history", () => {
  it("answers 401 without a token and lists newest first", async () => {
    await expectApiError(server.client().chores.history(1), 401, "unauthenticated");
    const chore = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: "2024-05-01T09:00:00+02:00" });
    await home.admin.client.chores.do(chore.id, { completedAt: "2024-05-01T10:00:00+02:00", dueDate: chore.nextDueDate });
    await home.admin.client.chores.skip(chore.id);
    await home.admin.client.chores.start(chore.id);
    expect((await historyOf(home.member, chore.id)).map((entry) => entry.action)).toEqual(["started", "skipped", "completed"]);
  });

  it("pages newest first by when actions count, with an opaque cursor", async () => {
    // Rolling, so the do jumps over no occurrence it would record missed (decision 0031).
    const chore = await makeChore(home.admin.client, {
      frequency: DAILY,
      scheduleMode: "rolling",
      nextDueDate: "2024-05-01T09:00:00+02:00",
    });
    for (let i = 0; i < 4; i += 1) {
      await home.admin.client.chores.start(chore.id);
      await home.admin.client.chores.pause(chore.id);
    }
    // Back-dated: it counts before every timer row, so it comes last.
    await home.admin.client.chores.do(chore.id, { completedAt: "2024-05-01T10:00:00+02:00" });
    const { history: all, nextCursor: none } = await home.admin.client.chores.history(chore.id);
    expect(all).toHaveLength(9);
    expect(none).toBeNull();
    expect(all[all.length - 1]!.action).toBe("completed");

    const paged = [];
    let before: string | undefined;
    do {
      const page = await home.admin.client.chores.history(chore.id, { limit: "4", ...(before ? { before } : {}) });
      expect(page.history.length).toBeLessThanOrEqual(4);
      paged.push(...page.history);
      before = page.nextCursor ?? undefined;
    } while (before);
    expect(paged).toEqual(all);

    await expectApiError(home.admin.client.chores.history(chore.id, { before: "bm9wZQ" }), 400, "validation_failed");
    await expectApiError(home.admin.client.chores.history(chore.id, { limit: "0" }), 400, "validation_failed");
    await expectApiError(home.admin.client.chores.history(chore.id, { limit: "201" }), 400, "validation_failed");
  });
});

describe("concurrency", () => {
  it("completes an occurrence once when ten clients do it at the same time", async () => {
    const chore = await makeChore(home.admin.client, {
      frequency: DAILY,
      nextDueDate: "2024-05-01T09:00:00+02:00",
      assignees: [home.member.user.id, home.manager.user.id],
      assignmentStrategy: "round_robin",
      points: 10,
    });
    const before = await pointsByUser(home.admin.client);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => home.manager.client.chores.do(chore.id, { dueDate: chore.nextDueDate })),
    );
    const succeeded = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result) => result.status === "rejected").map((result) => result.reason);
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const reason of refused) expect(reason).toMatchObject({ status: 409, code: "stale_occurrence" });
    const rows = await server.db.prisma.choreHistory.count({ where: { choreId: chore.id, action: "completed" } });
    expect(rows).toBe(1);
    const after = await pointsByUser(home.admin.client);
    expect(after.get(home.manager.user.id)).toBe(before.get(home.manager.user.id)! + 10);
    const stored = await home.admin.client.chores.get(chore.id);
    expect(stored).toMatchObject({ version: chore.version + 1, assignedTo: home.manager.user.id });
  });

  it("finishes a one-off chore once under parallel requests that name no occurrence", async () => {
    const chore = await makeChore(home.admin.client, { points: 3 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => home.admin.client.chores.do(chore.id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await server.db.prisma.choreHistory.count({ where: { choreId: chore.id } })).toBe(1);
  });

  it("keeps timer transitions consistent under parallel starts", async () => {
    const chore = await makeChore(home.admin.client, { frequency: DAILY });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => home.admin.client.chores.start(chore.id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await server.db.prisma.choreHistory.count({ where: { choreId: chore.id, action: "started" } })).toBe(1);
  });

  it("maps a second outcome for an already resolved occurrence to 409, writing nothing", async () => {
    const chore = await makeChore(home.admin.client, { frequency: DAILY, nextDueDate: "2024-05-01T09:00:00+02:00", points: 4 });
    await home.admin.client.chores.do(chore.id, { completedAt: "2024-05-01T09:30:00+02:00" });
    // Someone moves the due date back onto the occurrence that was already completed.
    await home.admin.client.chores.update(chore.id, { nextDueDate: "2024-05-01T09:00:00+02:00" });
    const before = await pointsByUser(home.admin.client);
    await expectApiError(home.admin.client.chores.do(chore.id), 409, "stale_occurrence");
    expect(await pointsByUser(home.admin.client)).toEqual(before);
    expect((await home.admin.client.chores.get(chore.id)).nextDueDate).toBe("2024-05-01T07:00:00.000Z");
  });
});

describe("when a member leaves", () => {
  it("passes their chores to the next assignee in rotation order", async () => {
    const leaver = await addMember(server, home.admin);
    const chore = await makeChore(home.admin.client, {
      frequency: DAILY,
      assignees: [home.manager.user.id, leaver.user.id, home.member.user.id],
      assignedTo: leaver.user.id,
      assignmentStrategy: "round_robin",
    });
    await home.admin.client.circles.removeMember(leaver.user.id);
    expect(await home.admin.client.chores.get(chore.id)).toMatchObject({
      assignees: [home.manager.user.id, home.member.user.id],
      assignedTo: home.member.user.id,
    });
  });
});

describe("a family week", () => {
  it("rotates, credits points and records history over seven days", async () => {
    const parent = await signUp(server, { timezone: "America/New_York" });
    const teen = await addMember(server, parent);
    const kid = await addMember(server, parent);
    const carer = await addMember(server, parent, "manager");
    const people = new Map([parent, teen, kid, carer].map((person) => [person.user.id, person]));

    const dishes = await makeChore(parent.client, {
      name: "Dishes",
      frequency: DAILY,
      nextDueDate: "2024-03-08T19:00:00-05:00",
      assignees: [teen.user.id, kid.user.id, carer.user.id],
      assignmentStrategy: "round_robin",
      points: 5,
    });
    const trash = await makeChore(parent.client, {
      name: "Trash",
      frequency: { type: "weekly", weekdays: [1, 4] },
      nextDueDate: "2024-03-11T07:00:00-04:00",
      assignees: [teen.user.id, kid.user.id],
      assignmentStrategy: "least_completed",
      points: 3,
    });
    const plants = await makeChore(kid.client, {
      name: "Water plants",
      frequency: { type: "interval", every: 3, unit: "days" },
      scheduleMode: "rolling",
      nextDueDate: "2024-03-08T08:00:00-05:00",
      points: 2,
    });

    /** The assignee does the chore (or skips it) for the occurrence they see, at a given local time. */
    async function act(chore: Chore, how: "do" | "skip", completedAt?: string): Promise<Chore> {
      const current = await parent.client.chores.get(chore.id);
      const assignee = people.get(current.assignedTo!)!;
      return how === "do"
        ? assignee.client.chores.do(chore.id, { dueDate: current.nextDueDate, ...(completedAt ? { completedAt } : {}) })
        : assignee.client.chores.skip(chore.id, { dueDate: current.nextDueDate });
    }

    const dishDays = ["2024-03-08", "2024-03-09", "2024-03-10", "2024-03-11", "2024-03-12", "2024-03-13"];
    const dishWashers: number[] = [];
    let dishState = dishes;
    for (const [day, date] of dishDays.entries()) {
      dishWashers.push(dishState.assignedTo!);
      dishState = await act(dishState, "do", `${date}T20:30:00${day < 2 ? "-05:00" : "-04:00"}`);
    }
    // Daily at 19:00 local, across the DST change on 10 March.
    expect(dishState.nextDueDate).toBe("2024-03-14T23:00:00.000Z");
    // Thursday's dishes are skipped today: the skip keeps the assignee and moves past now.
    dishWashers.push(dishState.assignedTo!);
    dishState = await act(dishState, "skip");
    expect(Date.parse(dishState.nextDueDate!)).toBeGreaterThan(Date.now());
    expect(dishState.assignedTo).toBe(teen.user.id);
    // Round robin over teen, kid, carer.
    expect(dishWashers).toEqual([teen, kid, carer, teen, kid, carer, teen].map((person) => person.user.id));

    let trashState = trash;
    const trashTakers: number[] = [];
    for (const completedAt of ["2024-03-11T07:30:00-04:00", "2024-03-14T07:30:00-04:00", "2024-03-18T07:30:00-04:00"]) {
      trashTakers.push(trashState.assignedTo!);
      trashState = await act(trashState, "do", completedAt);
    }
    // Least completed: teen (0) → kid (0 vs teen 1) → teen (1 each, earlier position).
    expect(trashTakers).toEqual([teen.user.id, kid.user.id, teen.user.id]);
    expect(trashState.nextDueDate).toBe("2024-03-21T11:00:00.000Z");

    // Rolling: watered a day late, the next watering is three days after that.
    const watered = await act(plants, "do", "2024-03-09T18:00:00-05:00");
    expect(watered.nextDueDate).toBe("2024-03-12T12:00:00.000Z");

    const points = await pointsByUser(parent.client);
    expect(points.get(teen.user.id)).toBe(2 * 5 + 2 * 3);
    expect(points.get(kid.user.id)).toBe(2 * 5 + 1 * 3 + 2);
    expect(points.get(carer.user.id)).toBe(2 * 5);
    expect(points.get(parent.user.id)).toBe(0);

    const dishHistory = (await historyOf(parent, dishes.id)).sort((a, b) => a.id - b.id);
    expect(dishHistory.map((entry) => entry.action)).toEqual([
      "completed",
      "completed",
      "completed",
      "completed",
      "completed",
      "completed",
      "skipped",
    ]);
    expect(dishHistory.map((entry) => entry.performedAs)).toEqual(dishWashers);
    expect(dishHistory.map((entry) => entry.points)).toEqual([5, 5, 5, 5, 5, 5, 0]);
  });
});
