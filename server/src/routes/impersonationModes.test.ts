/**
 * View-only impersonation and the step-up before acting (decision 0020), over HTTP: a
 * view-only session refuses every write, the mode can be switched (audited), and starting
 * or switching to act asks for the secret again once the sign-in is older than 10 minutes.
 * Every route of the route table is tried in both modes, as its declaration says.
 */
import { impersonationErrorCodes } from "@chorus/shared";
import { makeChore } from "../test/choreFactories";
import { createHousehold, expectApiError, type TestCircle, type TestUser } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";
import { apiRoutes, routeKey } from "../test/routeTable";
import { STEP_UP_PASSWORD_FAILURES } from "../acting/stepUp";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Moves this user's sign-ins (and their step-ups) 11 minutes back: the test's way to let time pass. */
async function ageSignIn(user: TestUser) {
  await server.db.prisma.$executeRaw`
    UPDATE "Session" SET "createdAt" = "createdAt" - interval '11 minutes', "steppedUpAt" = "steppedUpAt" - interval '11 minutes'
    WHERE "userId" = ${user.user.id}`;
}

const auditOf = (h: TestCircle, action: string) => h.admin.client.circles.audit({ action }).then(({ events }) => events);

/** A client of `user`'s sign-in that sends the selector header for `target`. */
function actingAs(user: TestUser, target: TestUser) {
  const client = server.client(user.token);
  client.setImpersonateUserId(target.user.id);
  return client;
}

describe("a view-only impersonation session", () => {
  it("is what POST /impersonation starts by default, and GET /users/me names the mode", async () => {
    const h = await createHousehold(server);
    const session = await h.admin.client.impersonation.start({ userId: h.member.user.id });
    expect(session.mode).toBe("view");
    expect(await actingAs(h.admin, h.member).users.me()).toMatchObject({ id: h.member.user.id, impersonationMode: "view" });
    const [started] = await auditOf(h, "impersonation.started");
    expect(started!.payload).toMatchObject({ mode: "view", startedBy: "request" });
  });

  it("reads as the member, refuses every write with 403 impersonation_read_only and changes nothing", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "view" });
    const acting = actingAs(h.admin, h.member);
    expect((await acting.chores.list()).chores.map((c) => c.id)).toEqual([chore.id]);
    expect((await acting.chores.get(chore.id)).abilities.canAct).toBe(false);
    await acting.chores.history(chore.id);

    for (const write of [
      () => acting.chores.do(chore.id),
      () => acting.chores.skip(chore.id),
      () => acting.chores.undo(chore.id),
      () => acting.chores.start(chore.id),
      () => acting.chores.pause(chore.id),
    ]) {
      await expectApiError(write(), 403, "impersonation_read_only");
    }
    const after = await h.admin.client.chores.get(chore.id);
    expect([after.status, after.nextDueDate, after.version]).toEqual([chore.status, chore.nextDueDate, chore.version]);
    expect((await h.admin.client.chores.history(chore.id)).history).toHaveLength(0);
    const refused = (await auditOf(h, "impersonation.denied")).filter((event) => event.payload.reason === "impersonation_read_only");
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]).toMatchObject({ actorUserId: h.admin.user.id, subjectUserId: h.member.user.id, outcome: "denied" });
  });

  it("still extends, switches mode and ends", async () => {
    const h = await createHousehold(server);
    await h.manager.client.impersonation.start({ userId: h.member.user.id });
    const acting = actingAs(h.manager, h.member);
    // Extending opens in the session's last minutes (decision 0024).
    await server.db.prisma.impersonationSession.updateMany({
      where: { actorUserId: h.manager.user.id, endedAt: null },
      data: { expiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await acting.impersonation.extend()).mode).toBe("view");
    expect((await acting.impersonation.setMode({ mode: "act" })).mode).toBe("act");
    await h.manager.client.impersonation.end();
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.manager.user.id, endedAt: null } })).toBe(0);
  });

  it("does not touch the caller's own writes or a shared tablet", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    // Without the header the admin acts as themselves.
    await h.admin.client.chores.start(chore.id);
    await h.admin.client.chores.pause(chore.id);
    const { token } = await h.admin.client.circles.createDevice({ name: "Kitchen" });
    const tablet = server.client(token);
    tablet.setTabletMember(h.member.user.id);
    expect((await tablet.chores.do(chore.id)).performedAs).toBe(h.member.user.id);
  });
});

describe("an acting impersonation session", () => {
  it("starts with mode act and lets the admin act, abilities included", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    expect((await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" })).mode).toBe("act");
    const acting = actingAs(h.admin, h.member);
    expect((await acting.chores.get(chore.id)).abilities.canAct).toBe(true);
    expect((await acting.chores.do(chore.id)).performedAs).toBe(h.member.user.id);
  });

  it("is what the first selector-header request on a fresh sign-in starts (DESIGN §5's header protocol)", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    const acting = actingAs(h.admin, h.member);
    expect((await acting.chores.do(chore.id)).performedAs).toBe(h.member.user.id);
    expect((await acting.users.me()).impersonationMode).toBe("act");
    const [started] = await auditOf(h, "impersonation.started");
    expect(started!.payload).toMatchObject({ mode: "act", startedBy: "header" });
  });
});

describe("switching mode (PATCH /impersonation)", () => {
  it("switches both ways, audits each change with the old and new mode, and writes follow the mode", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    const acting = actingAs(h.admin, h.member);
    await expectApiError(acting.chores.start(chore.id), 403, "impersonation_read_only");
    await acting.impersonation.setMode({ mode: "act" });
    await acting.chores.start(chore.id);
    await acting.impersonation.setMode({ mode: "view" });
    await expectApiError(acting.chores.pause(chore.id), 403, "impersonation_read_only");
    await acting.impersonation.setMode({ mode: "view" }); // no change: not audited

    const changes = await auditOf(h, "impersonation.mode_changed");
    expect(changes.map((event) => event.payload)).toEqual([
      expect.objectContaining({ from: "act", to: "view", impersonatedUserId: h.member.user.id }),
      expect.objectContaining({ from: "view", to: "act" }),
    ]);
    expect(changes[0]).toMatchObject({ actorUserId: h.admin.user.id, subjectUserId: h.member.user.id });
  });

  it("needs the selector header of an open session, and the mode named", async () => {
    const h = await createHousehold(server);
    await expectApiError(h.admin.client.impersonation.setMode({ mode: "act" }), 409, "invalid_state");
    const acting = actingAs(h.admin, h.member);
    await acting.users.me();
    const response = await server.fetch("/impersonation", {
      method: "PATCH",
      headers: {
        Authorization: `Bearer ${h.admin.token}`,
        "X-Impersonate-User-ID": String(h.member.user.id),
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ mode: "edit" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "validation_failed", details: { fields: { mode: expect.any(String) } } },
    });
  });

  it("is refused to a member selecting someone, like any impersonated request", async () => {
    const h = await createHousehold(server);
    await expectApiError(actingAs(h.member, h.manager).impersonation.setMode({ mode: "act" }), 403, "impersonation_forbidden");
  });
});

describe("step-up", () => {
  it("needs no secret on a fresh sign-in", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    expect(await auditOf(h, "auth.step_up")).toHaveLength(0);
  });

  it("asks an older sign-in for its password to start, checks it, audits both, and counts as fresh afterwards", async () => {
    const h = await createHousehold(server);
    await ageSignIn(h.admin);
    const start = (extra: { password?: string } = {}) => h.admin.client.impersonation.start({ userId: h.member.user.id, ...extra });
    await expect(start()).rejects.toMatchObject({ status: 403, code: "step_up_required", details: { signInMethod: "password" } });
    await expectApiError(start({ password: "not the password" }), 403, "step_up_failed");
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id } })).toBe(0);
    expect((await start({ password: h.admin.password })).mode).toBe("view");

    const stepUps = await auditOf(h, "auth.step_up");
    expect(stepUps.map((event) => [event.outcome, event.actorUserId, event.payload.for])).toEqual([
      ["allowed", h.admin.user.id, "impersonation.start"],
      ["denied", h.admin.user.id, "impersonation.start"],
    ]);
    // The step-up renews the sign-in for the next 10 minutes.
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
  });

  it("asks for it to switch to act, never to switch back to view", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    await ageSignIn(h.admin);
    const acting = actingAs(h.admin, h.member);
    await acting.impersonation.setMode({ mode: "view" });
    await expectApiError(acting.impersonation.setMode({ mode: "act" }), 403, "step_up_required");
    await expectApiError(acting.impersonation.setMode({ mode: "act", password: "wrong wrong" }), 403, "step_up_failed");
    expect((await acting.users.me()).impersonationMode).toBe("view");
    expect((await acting.impersonation.setMode({ mode: "act", password: h.admin.password })).mode).toBe("act");
    expect((await auditOf(h, "auth.step_up")).map((event) => [event.outcome, event.payload.for])).toEqual([
      ["allowed", "impersonation.mode_changed"],
      ["denied", "impersonation.mode_changed"],
    ]);
  });

  it("keeps an open session working after the sign-in ages, but a header cannot start one on an older sign-in", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    await ageSignIn(h.admin);
    expect((await actingAs(h.admin, h.member).chores.do(chore.id)).performedAs).toBe(h.member.user.id);

    await h.admin.client.impersonation.end();
    const acting = actingAs(h.admin, h.member);
    await expect(acting.users.me()).rejects.toMatchObject({ status: 403, code: "step_up_required", details: { signInMethod: "password" } });
    await expectApiError(acting.chores.skip(chore.id), 403, "step_up_required");
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id, endedAt: null } })).toBe(0);
    const refused = (await auditOf(h, "impersonation.denied")).filter((event) => event.payload.reason === "step_up_required");
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });

  it("asks a PIN sign-in for its PIN, with the account's PIN lock", async () => {
    const h = await createHousehold(server);
    const child = await h.admin.client.circles.addChild({ username: `kid${Date.now()}`, displayName: "Robin", pin: "2468" });
    await h.admin.client.circles.setRole(child.userId, { role: "manager" });
    const { token } = await server.client().auth.pinLogin({ username: child.username, pin: "2468" });
    const robin = server.client(token);
    await server.db.prisma
      .$executeRaw`UPDATE "Session" SET "createdAt" = "createdAt" - interval '11 minutes' WHERE "userId" = ${child.userId}`;

    const start = (extra: { password?: string; pin?: string }) => robin.impersonation.start({ userId: h.member.user.id, ...extra });
    await expect(start({ password: "a password" })).rejects.toMatchObject({ code: "step_up_required", details: { signInMethod: "pin" } });
    await expect(start({ pin: "1111" })).rejects.toMatchObject({ code: "step_up_failed", details: { signInMethod: "pin" } });
    expect((await server.db.prisma.user.findUniqueOrThrow({ where: { id: child.userId } })).pinFailures).toBe(1);
    expect((await start({ pin: "2468" })).userId).toBe(h.member.user.id);
  });

  it("still never lets an API token act as anyone, secret or not", async () => {
    const h = await createHousehold(server);
    const { token } = await h.admin.client.users.createToken({ name: "script" });
    const script = server.client(token);
    await expectApiError(
      script.impersonation.start({ userId: h.member.user.id, password: h.admin.password }),
      403,
      "impersonation_forbidden",
    );
    script.setImpersonateUserId(h.member.user.id);
    await expectApiError(script.users.me(), 403, "impersonation_forbidden");
  });

  it("cannot be guessed past its allowance by parallel wrong passwords", async () => {
    const h = await createHousehold(server);
    await ageSignIn(h.admin);
    const guesses = 3 * STEP_UP_PASSWORD_FAILURES;
    const results = await Promise.allSettled(
      Array.from({ length: guesses }, (_, i) => h.admin.client.impersonation.start({ userId: h.member.user.id, password: `guess ${i}` })),
    );
    const codes = results.map((result) => (result.status === "rejected" ? (result.reason as { code: string }).code : "started"));
    expect(codes.filter((code) => code === "step_up_failed")).toHaveLength(STEP_UP_PASSWORD_FAILURES);
    expect(codes.filter((code) => code === "rate_limited")).toHaveLength(guesses - STEP_UP_PASSWORD_FAILURES);
    const denied = (await auditOf(h, "auth.step_up")).filter((event) => event.outcome === "denied");
    expect(denied).toHaveLength(STEP_UP_PASSWORD_FAILURES);
    // The allowance is used up for the right password too, until the window ends.
    await expectApiError(h.admin.client.impersonation.start({ userId: h.member.user.id, password: h.admin.password }), 429, "rate_limited");
  });
});

describe("every impersonable route, by its declared mode (issue 17 item 7)", () => {
  /** Refusals that say the impersonation itself was not allowed, as opposed to the request's own answer. */
  const refusals = new Set<string>([...impersonationErrorCodes, "impersonation_read_only", "step_up_required"]);

  /** A household with a chore, a reward and a request of the member's, and a way to fill each route's path. */
  async function fixtures() {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    await h.admin.client.circles.adjustPoints(h.member.user.id, { amount: 10, reason: "Start" });
    const reward = await h.admin.client.rewards.create({ name: "Comic", cost: 1 });
    const request = await h.member.client.rewards.request(reward.id);
    const pathOf = (path: string) =>
      path
        .replace(":userId", String(h.member.user.id))
        .replace(/^\/rewards\/requests\/:id/, `/rewards/requests/${request.id}`)
        .replace(/^\/rewards\/:id/, `/rewards/${reward.id}`)
        .replace(":id", String(chore.id));
    return { h, pathOf };
  }

  /** The status and error code of one real request with the selector header for the member, in a `mode` session. */
  async function call(h: TestCircle, path: string, method: string, mode: "view" | "act") {
    const abort = new AbortController();
    // Switching to the mode the session has keeps it for the routes after this one.
    const body = method === "PATCH" && path === "/impersonation" ? { mode } : method === "GET" ? undefined : {};
    const response = await server.fetch(path, {
      method,
      signal: abort.signal,
      headers: {
        Authorization: `Bearer ${h.admin.token}`,
        "X-Impersonate-User-ID": String(h.member.user.id),
        ...(body ? { "Content-Type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    // The live-update stream never ends on its own: its headers are the answer.
    if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
      abort.abort();
      return { status: response.status, code: null };
    }
    return { status: response.status, code: response.ok ? null : (await readError(response)).code };
  }

  const impersonable = () => apiRoutes(server.deps).filter((route) => route.access.impersonation);

  it("in a view-only session: every `view` route answers, every `act` route is refused read-only", async () => {
    const { h, pathOf } = await fixtures();
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "view" });
    const routes = impersonable();
    expect(routes.filter((route) => route.access.impersonation === "act").map(routeKey)).toEqual(
      expect.arrayContaining(["POST /chores/:id/do", "POST /rewards/:id/requests"]),
    );
    for (const route of routes) {
      const key = routeKey(route);
      const { status, code } = await call(h, pathOf(route.path), route.method, "view");
      if (route.access.impersonation === "act") expect([key, status, code]).toEqual([key, 403, "impersonation_read_only"]);
      else expect([key, status < 500, code !== null && refusals.has(code)]).toEqual([key, true, false]);
    }
    expect(await server.db.prisma.rewardRequest.count({ where: { userId: h.member.user.id } })).toBe(1);
  });

  it("in an acting session: every impersonable route answers as the member, none refuses the impersonation", async () => {
    const { h, pathOf } = await fixtures();
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    for (const route of impersonable()) {
      const key = routeKey(route);
      const { status, code } = await call(h, pathOf(route.path), route.method, "act");
      expect([key, status < 500, code !== null && refusals.has(code)]).toEqual([key, true, false]);
    }
    // The act route did act: the request is the member's, asked by the admin.
    const asked = await server.db.prisma.rewardRequest.findMany({ where: { userId: h.member.user.id }, orderBy: { id: "asc" } });
    expect(asked.map((request) => request.actorUserId)).toEqual([h.member.user.id, h.admin.user.id]);
  });
});
