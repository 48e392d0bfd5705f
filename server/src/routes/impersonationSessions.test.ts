/**
 * Impersonation sessions (docs/decisions/0012): a time limit per sign-in and target, an optional
 * reason carried into the audit of every write, explicit start and end, and the header
 * protocol of DESIGN §5 still working on its own.
 */
import { makeChore } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, type TestCircle } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ impersonationLimitMinutes: 30 });
});
afterAll(() => server.close());

/** Moves the clock of an impersonation session: the test's way to let time pass. */
async function expireImpersonation(actorUserId: number, targetUserId: number) {
  await server.db.prisma.impersonationSession.updateMany({
    where: { actorUserId, targetUserId, endedAt: null },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
}

const auditOf = (h: TestCircle, action: string) => h.admin.client.circles.audit({ action }).then(({ events }) => events);

describe("starting an impersonation session explicitly", () => {
  it("returns the limit, counts down from it in GET /users/me, and audits the start with its reason", async () => {
    const h = await createHousehold(server);
    const before = Date.now();
    const session = await h.manager.client.impersonation.start({ userId: h.member.user.id, reason: "  Alex is ill today " });
    expect(session).toMatchObject({ userId: h.member.user.id, reason: "Alex is ill today" });
    const expiresAt = Date.parse(session.expiresAt);
    expect(expiresAt - Date.parse(session.startedAt)).toBe(30 * 60_000);
    expect(expiresAt).toBeGreaterThan(before + 29 * 60_000);

    h.manager.client.setImpersonateUserId(h.member.user.id);
    const me = await h.manager.client.users.me();
    expect(me).toMatchObject({ id: h.member.user.id, impersonatorUserId: h.manager.user.id, impersonationExpiresAt: session.expiresAt });

    const [started] = await auditOf(h, "impersonation.started");
    expect(started).toMatchObject({
      actorUserId: h.manager.user.id,
      subjectUserId: h.member.user.id,
      payload: {
        impersonatedUserId: h.member.user.id,
        impersonationReason: "Alex is ill today",
        startedBy: "request",
        expiresAt: session.expiresAt,
      },
    });
  });

  it("puts the reason and the session into the audit payload of every write made in it", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "Holiday cover", mode: "act" });
    h.admin.client.setImpersonateUserId(h.member.user.id);
    await h.admin.client.chores.start(chore.id);
    await h.admin.client.chores.do(chore.id);
    h.admin.client.clearImpersonation();

    const { events } = await h.admin.client.circles.audit({ subjectUserId: String(h.member.user.id) });
    const writes = events.filter((event) => event.action.startsWith("chore."));
    expect(writes.map((event) => event.action).sort()).toEqual(["chore.completed", "chore.started"]);
    const sessionId = (await server.db.prisma.impersonationSession.findFirstOrThrow({ where: { targetUserId: h.member.user.id } })).id;
    for (const event of writes) {
      expect(event.payload).toMatchObject({
        impersonatedUserId: h.member.user.id,
        impersonationReason: "Holiday cover",
        impersonationSessionId: sessionId,
      });
    }
  });

  it("leaves the reason out when none was given", async () => {
    const h = await createHousehold(server);
    const session = await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "   " });
    expect(session.reason).toBeNull();
    const [started] = await auditOf(h, "impersonation.started");
    expect(started!.payload).not.toHaveProperty("impersonationReason");
  });

  it("applies DESIGN §5's caller and target rules, audits refusals, and never starts a session for them", async () => {
    const h = await createHousehold(server);
    const outsider = await signUp(server);
    const { token } = await h.admin.client.users.createToken({ name: "script" });
    const cases: [Promise<unknown>, string][] = [
      [h.manager.client.impersonation.start({ userId: h.admin.user.id }), "impersonation_target_not_allowed"],
      [h.manager.client.impersonation.start({ userId: h.manager.user.id }), "impersonation_target_not_allowed"],
      [h.admin.client.impersonation.start({ userId: outsider.user.id }), "impersonation_target_not_allowed"],
      [h.admin.client.impersonation.start({ userId: 2_000_000_000 }), "impersonation_target_not_allowed"],
      [h.member.client.impersonation.start({ userId: h.manager.user.id }), "impersonation_forbidden"],
      [server.client(token).impersonation.start({ userId: h.member.user.id }), "impersonation_forbidden"],
      // The outsider admins a circle of their own, where the member is not.
      [outsider.client.impersonation.start({ userId: h.member.user.id }), "impersonation_target_not_allowed"],
    ];
    for (const [call, code] of cases) await expectApiError(call, 403, code);
    await h.admin.client.circles.setImpersonator(h.manager.user.id, { impersonator: false });
    await expectApiError(h.manager.client.impersonation.start({ userId: h.member.user.id }), 403, "impersonation_forbidden");

    expect(await server.db.prisma.impersonationSession.count({ where: { circleId: (await h.admin.client.circles.current()).id } })).toBe(0);
    const denied = await auditOf(h, "impersonation.denied");
    expect(denied).toHaveLength(7);
    expect(denied.find((event) => event.payload.requested === outsider.user.id)).toMatchObject({
      subjectUserId: null,
      payload: { reason: "impersonation_target_not_allowed", route: "POST /impersonation" },
    });
  });

  it("validates the body, naming the field", async () => {
    const h = await createHousehold(server);
    for (const [body, field] of [
      [{}, "userId"],
      [{ userId: "2" }, "userId"],
      [{ userId: h.member.user.id, reason: "x".repeat(201) }, "reason"],
      [{ userId: h.member.user.id, extra: true }, "extra"],
    ] as const) {
      const response = await server.fetch("/impersonation", {
        method: "POST",
        headers: { Authorization: `Bearer ${h.admin.token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect((await readError(response)).details?.fields).toHaveProperty(field);
    }
  });

  it("replaces the sign-in's earlier impersonation session, and a new start restarts the clock after expiry", async () => {
    const h = await createHousehold(server);
    const second = await addMember(server, h.admin);
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    await h.admin.client.impersonation.start({ userId: second.user.id, reason: "Next" });
    const open = await server.db.prisma.impersonationSession.findMany({ where: { actorUserId: h.admin.user.id, endedAt: null } });
    expect(open.map((session) => session.targetUserId)).toEqual([second.user.id]);
    expect((await auditOf(h, "impersonation.ended"))[0]).toMatchObject({
      subjectUserId: h.member.user.id,
      payload: { endedBy: "replaced" },
    });

    await expireImpersonation(h.admin.user.id, second.user.id);
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(second.user.id);
    await expectApiError(acting.users.me(), 403, "impersonation_expired");
    await h.admin.client.impersonation.start({ userId: second.user.id });
    expect((await acting.users.me()).id).toBe(second.user.id);
  });
});

describe("the time limit on the header protocol", () => {
  it("starts a session with the first header request, audited, with no reason", async () => {
    const h = await createHousehold(server);
    const acting = server.client(h.admin.token);
    acting.setImpersonateUserId(h.member.user.id);
    const first = await acting.users.me();
    const second = await acting.users.me();
    expect(first.impersonationExpiresAt).not.toBeNull();
    expect(second.impersonationExpiresAt).toBe(first.impersonationExpiresAt);
    const started = await auditOf(h, "impersonation.started");
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ subjectUserId: h.member.user.id, payload: { startedBy: "header" } });
  });

  it("starts one session when the first header requests arrive together", async () => {
    const h = await createHousehold(server);
    h.admin.client.setImpersonateUserId(h.member.user.id);
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.admin.client.users.me()));
    expect(new Set(answers.map((me) => me.impersonationExpiresAt)).size).toBe(1);
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id } })).toBe(1);
  });

  it("keeps sessions per sign-in: a second sign-in of the same person has its own clock", async () => {
    const h = await createHousehold(server);
    h.admin.client.setImpersonateUserId(h.member.user.id);
    await h.admin.client.users.me();
    await expireImpersonation(h.admin.user.id, h.member.user.id);
    const { token } = await server.client().auth.login({ login: h.admin.user.username, password: h.admin.password });
    const otherDevice = server.client(token);
    otherDevice.setImpersonateUserId(h.member.user.id);
    expect((await otherDevice.users.me()).id).toBe(h.member.user.id);
    await expectApiError(h.admin.client.users.me(), 403, "impersonation_expired");
  });

  it("refuses every impersonated request past the limit with 403 impersonation_expired, audited, changing nothing", async () => {
    const h = await createHousehold(server);
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    h.admin.client.setImpersonateUserId(h.member.user.id);
    await h.admin.client.chores.list();
    await expireImpersonation(h.admin.user.id, h.member.user.id);

    const response = await server.fetch(`/chores/${chore.id}/do`, {
      method: "POST",
      headers: { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-ID": String(h.member.user.id) },
    });
    expect(response.status).toBe(403);
    const error = await readError(response);
    expect(error.code).toBe("impersonation_expired");
    expect(error.message).toMatch(/time acting as this member is up/);
    await expectApiError(h.admin.client.chores.list(), 403, "impersonation_expired");
    expect(await h.admin.client.chores.history(chore.id).catch((e) => e.code)).toBe("impersonation_expired");

    h.admin.client.clearImpersonation();
    expect((await h.admin.client.chores.history(chore.id)).history).toHaveLength(0);
    const denied = await auditOf(h, "impersonation.denied");
    expect(denied[0]).toMatchObject({ subjectUserId: h.member.user.id, payload: { reason: "impersonation_expired" } });
    // Three refusals, one row: repeated refusals of one actor for one reason are coalesced (decision 0006).
    expect(denied).toHaveLength(1);
  });

  it("keeps DESIGN's order: a refused target is refused the same way whether or not a session ran out", async () => {
    const h = await createHousehold(server);
    h.manager.client.setImpersonateUserId(h.member.user.id);
    await h.manager.client.users.me();
    await expireImpersonation(h.manager.user.id, h.member.user.id);
    await h.admin.client.circles.setRole(h.member.user.id, { role: "manager" });
    await expectApiError(h.manager.client.users.me(), 403, "impersonation_target_not_allowed");
  });

  it("costs no extra SQL statement once the session is open", async () => {
    const h = await createHousehold(server);
    const headers = { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-ID": String(h.member.user.id) };
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    const plain = await server.fetch("/chores", { headers: { Authorization: `Bearer ${h.admin.token}` } });
    const acting = await server.fetch("/chores", { headers });
    expect(Number(acting.headers.get("x-sql-statements"))).toBe(Number(plain.headers.get("x-sql-statements")));
  });
});

describe("ending an impersonation session", () => {
  it("ends this sign-in's sessions (audited); the header then starts a fresh one", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "Chores" });
    await h.admin.client.impersonation.end();
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id, endedAt: null } })).toBe(0);
    const [ended] = await auditOf(h, "impersonation.ended");
    expect(ended).toMatchObject({ subjectUserId: h.member.user.id, payload: { endedBy: "request", impersonationReason: "Chores" } });

    await h.admin.client.impersonation.end(); // nothing open: still fine
    h.admin.client.setImpersonateUserId(h.member.user.id);
    const me = await h.admin.client.users.me();
    expect(me.impersonationExpiresAt).not.toBeNull();
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id } })).toBe(2);
  });

  it("ends an expired session too, and is not impersonable itself", async () => {
    const h = await createHousehold(server);
    h.admin.client.setImpersonateUserId(h.member.user.id);
    await h.admin.client.users.me();
    await expireImpersonation(h.admin.user.id, h.member.user.id);
    await expectApiError(h.admin.client.impersonation.end(), 403, "impersonation_not_supported");
    h.admin.client.clearImpersonation();
    await h.admin.client.impersonation.end();
    h.admin.client.setImpersonateUserId(h.member.user.id);
    expect((await h.admin.client.users.me()).id).toBe(h.member.user.id);
  });

  it("ends with the sign-in: signing out ends its impersonation sessions", async () => {
    const h = await createHousehold(server);
    await h.manager.client.impersonation.start({ userId: h.member.user.id });
    await h.manager.client.auth.logout();
    const [session] = (await h.member.client.users.actedForMe()).items;
    expect(session).toMatchObject({ kind: "impersonation_session", endedAt: expect.any(String) });
    expect((await auditOf(h, "impersonation.ended"))[0]).toMatchObject({ payload: { endedBy: "signed_out" } });
  });

  it("reports no expiry when not impersonating", async () => {
    const h = await createHousehold(server);
    expect((await h.member.client.users.me()).impersonationExpiresAt).toBeNull();
  });
});

describe("extending an impersonation session", () => {
  /** Moves the session's start and end back, as if `minutes` of it had passed. */
  async function age(actorUserId: number, targetUserId: number, minutes: number) {
    const session = await server.db.prisma.impersonationSession.findFirstOrThrow({ where: { actorUserId, targetUserId, endedAt: null } });
    await server.db.prisma.impersonationSession.update({
      where: { id: session.id },
      data: {
        startedAt: new Date(session.startedAt.getTime() - minutes * 60_000),
        expiresAt: new Date(session.expiresAt.getTime() - minutes * 60_000),
      },
    });
  }

  it("moves the end to a full limit from now, never further, keeps the reason, and audits it", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "Holiday cover" });
    await age(h.admin.user.id, h.member.user.id, 25);
    h.admin.client.setImpersonateUserId(h.member.user.id);
    const before = await h.admin.client.users.me();

    const requestedAt = Date.now();
    const extended = await h.admin.client.impersonation.extend();
    const expiresAt = Date.parse(extended.expiresAt);
    expect(extended).toMatchObject({ userId: h.member.user.id, reason: "Holiday cover" });
    expect(expiresAt).toBeGreaterThan(Date.parse(before.impersonationExpiresAt!) + 24 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    expect(expiresAt).toBeGreaterThanOrEqual(requestedAt + 29 * 60_000);
    expect((await h.admin.client.users.me()).impersonationExpiresAt).toBe(extended.expiresAt);
    // The same session goes on: one row, so "Done for you" shows one impersonation entry.
    expect(await server.db.prisma.impersonationSession.count({ where: { actorUserId: h.admin.user.id } })).toBe(1);

    // Extending again at once cannot stack: it is refused until the last minutes (decision 0024).
    await expectApiError(h.admin.client.impersonation.extend(), 409, "impersonation_extend_too_early");

    h.admin.client.clearImpersonation();
    const events = await auditOf(h, "impersonation.extended");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: h.admin.user.id,
      subjectUserId: h.member.user.id,
      outcome: "allowed",
      payload: {
        impersonatedUserId: h.member.user.id,
        impersonationReason: "Holiday cover",
        expiresAt: extended.expiresAt,
        previousExpiresAt: before.impersonationExpiresAt,
      },
    });
  });

  it("cannot bring back a session whose time is up", async () => {
    const h = await createHousehold(server);
    h.admin.client.setImpersonateUserId(h.member.user.id);
    await h.admin.client.users.me();
    await expireImpersonation(h.admin.user.id, h.member.user.id);
    await expectApiError(h.admin.client.impersonation.extend(), 403, "impersonation_expired");
    h.admin.client.clearImpersonation();
    expect(await auditOf(h, "impersonation.extended")).toHaveLength(0);
  });

  it("needs the selector header, and the caller's right to act as the member on this request", async () => {
    const h = await createHousehold(server);
    await expectApiError(h.admin.client.impersonation.extend(), 409, "invalid_state");

    await h.manager.client.impersonation.start({ userId: h.member.user.id });
    h.manager.client.setImpersonateUserId(h.member.user.id);
    await h.admin.client.circles.setImpersonator(h.manager.user.id, { impersonator: false });
    await expectApiError(h.manager.client.impersonation.extend(), 403, "impersonation_forbidden");
    expect(await auditOf(h, "impersonation.extended")).toHaveLength(0);
  });
});
