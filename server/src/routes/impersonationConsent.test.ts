/**
 * Consent for grown-ups (decision 0023), over HTTP on PGlite (and PostgreSQL with
 * TEST_DATABASE_URL): each member's setting, children always allowed, "nobody" refused with
 * the rank rule's very bytes, and "ask me first" requests granted, declined, expired and raced.
 */
import { addMember, createHousehold, expectApiError, type TestCircle, type TestUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const auditOf = (h: TestCircle, action: string) => h.admin.client.circles.audit({ action }).then(({ events }) => events);

function actingAs(user: TestUser, target: { user: { id: number } }) {
  const client = server.client(user.token);
  client.setImpersonateUserId(target.user.id);
  return client;
}

/** The raw answer to a header request as `user` for `targetId`: status and body bytes. */
async function rawActing(user: TestUser, targetId: number) {
  const response = await server.fetch("/users/me", {
    headers: { Authorization: `Bearer ${user.token}`, "X-Impersonate-User-ID": String(targetId) },
  });
  return { status: response.status, body: await response.text() };
}

async function rawPost(user: TestUser, path: string, body: unknown) {
  const response = await server.fetch(path, {
    method: "POST",
    headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

async function addChild(h: TestCircle) {
  const username = `kid${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const child = await h.admin.client.circles.addChild({ username, displayName: "Kid", pin: "4821" });
  const { token } = await server.client().auth.pinLogin({ username, pin: "4821" });
  return { user: { id: child.userId }, token, client: server.client(token) };
}

describe("the member's own setting", () => {
  it("defaults to anyone, is changed by the member's own sign-in and audited", async () => {
    const h = await createHousehold(server);
    expect(await h.member.client.users.actAsConsent()).toEqual({ consent: "anyone", choosable: true });
    expect(await h.member.client.users.setActAsConsent({ consent: "ask" })).toEqual({ consent: "ask", choosable: true });
    expect(await h.member.client.users.actAsConsent()).toEqual({ consent: "ask", choosable: true });
    const [changed] = await auditOf(h, "user.act_as_consent_changed");
    expect(changed).toMatchObject({ actorUserId: h.member.user.id, payload: { from: "anyone", to: "ask" } });
  });

  it("cannot be read or set by an API token, nor while someone acts as the member", async () => {
    const h = await createHousehold(server);
    const { token } = await h.member.client.users.createToken({ name: "script" });
    await expectApiError(server.client(token).users.setActAsConsent({ consent: "nobody" }), 403, "forbidden");
    await expectApiError(actingAs(h.admin, h.member).users.setActAsConsent({ consent: "anyone" }), 403, "impersonation_not_supported");
    await expectApiError(actingAs(h.admin, h.member).users.actAsConsent(), 403, "impersonation_not_supported");
    expect((await h.member.client.users.actAsConsent()).consent).toBe("anyone");
  });

  it("rejects a setting that does not exist with a clear 400", async () => {
    const h = await createHousehold(server);
    const response = await server.fetch("/users/me/act-as-consent", {
      method: "PUT",
      headers: { Authorization: `Bearer ${h.member.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ consent: "sometimes" }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  });

  it("is shown to admins and managers in the members list, and to nobody else", async () => {
    const h = await createHousehold(server);
    await h.member.client.users.setActAsConsent({ consent: "nobody" });
    const child = await addChild(h);
    const seen = async (viewer: TestUser) =>
      Object.fromEntries((await viewer.client.circles.members()).members.map((m) => [m.userId, m.actAsConsent]));
    expect(await seen(h.admin)).toMatchObject({ [h.member.user.id]: "nobody", [child.user.id]: "anyone", [h.manager.user.id]: "anyone" });
    expect((await seen(h.manager))[h.member.user.id]).toBe("nobody");
    expect(Object.values(await seen(h.member)).every((consent) => consent === null)).toBe(true);
    const page = await h.admin.client.pages.tasks();
    expect(page.members.find((m) => m.userId === h.member.user.id)?.actAsConsent).toBe("nobody");
  });
});

describe("a child's account", () => {
  it("cannot choose, and always lets its circle's admins and managers act for it", async () => {
    const h = await createHousehold(server);
    const child = await addChild(h);
    expect(await child.client.users.actAsConsent()).toEqual({ consent: "anyone", choosable: false });
    await expectApiError(child.client.users.setActAsConsent({ consent: "nobody" }), 409, "invalid_state");
    // Even a stored value (say, from an account that lost its email) does not apply to a child.
    await server.db.prisma.user.update({ where: { id: child.user.id }, data: { actAsConsent: "nobody" } });
    expect((await actingAs(h.manager, child).users.me()).id).toBe(child.user.id);
    const session = await h.admin.client.impersonation.start({ userId: child.user.id });
    expect(session.userId).toBe(child.user.id);
  });
});

describe("a member who lets nobody act as them", () => {
  async function household() {
    const h = await createHousehold(server);
    const secondAdmin = await addMember(server, h.admin, "admin");
    await h.member.client.users.setActAsConsent({ consent: "nobody" });
    return { ...h, secondAdmin };
  }

  it("is refused on the header, POST /impersonation and a request with the rank rule's very bytes", async () => {
    const h = await household();
    const rankRule = await rawActing(h.admin, h.secondAdmin.user.id);
    expect(rankRule.status).toBe(403);
    expect(JSON.parse(rankRule.body).error.code).toBe("impersonation_target_not_allowed");
    expect(await rawActing(h.admin, h.member.user.id)).toEqual(rankRule);
    expect(await rawActing(h.manager, h.member.user.id)).toEqual(rankRule);

    const startRank = await rawPost(h.admin, "/impersonation", { userId: h.secondAdmin.user.id });
    expect(startRank.body).toBe(rankRule.body);
    expect(await rawPost(h.admin, "/impersonation", { userId: h.member.user.id })).toEqual(startRank);
    expect(await rawPost(h.admin, "/impersonation/requests", { userId: h.member.user.id })).toEqual(startRank);
  });

  it("is audited as denied with the reason kept inside", async () => {
    const h = await household();
    await rawActing(h.admin, h.member.user.id);
    await rawPost(h.admin, "/impersonation", { userId: h.member.user.id });
    const denied = await auditOf(h, "impersonation.denied");
    expect(denied.map((event) => [event.subjectUserId, event.payload.reason, event.payload.route])).toEqual([
      [h.member.user.id, "target_allows_nobody", "POST /impersonation"],
      [h.member.user.id, "target_allows_nobody", "GET /users/me"],
    ]);
  });

  it("ends the sessions already open on them, at once", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id, mode: "act" });
    const acting = actingAs(h.admin, h.member);
    expect((await acting.users.me()).id).toBe(h.member.user.id);
    await h.member.client.users.setActAsConsent({ consent: "nobody" });
    await expectApiError(acting.users.me(), 403, "impersonation_target_not_allowed");
    const [ended] = await auditOf(h, "impersonation.ended");
    expect(ended).toMatchObject({ actorUserId: h.admin.user.id, subjectUserId: h.member.user.id, payload: { endedBy: "consent_changed" } });
    // Saying anyone again lets them be acted as again, with a new session.
    await h.member.client.users.setActAsConsent({ consent: "anyone" });
    expect((await acting.users.me()).id).toBe(h.member.user.id);
  });

  it("costs the acting statement nothing extra: still one SQL statement per request", async () => {
    const h = await createHousehold(server);
    await h.member.client.users.setActAsConsent({ consent: "ask" });
    await h.manager.client.users.setActAsConsent({ consent: "anyone" });
    const headers = { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-ID": String(h.manager.user.id) };
    await server.fetch("/users/me", { headers });
    const acting = await server.fetch("/users/me", { headers });
    expect(acting.status).toBe(200);
    expect(Number(acting.headers.get("x-sql-statements"))).toBe(1);
  });
});

describe("ask me first", () => {
  async function household() {
    const h = await createHousehold(server);
    await h.member.client.users.setActAsConsent({ consent: "ask" });
    return h;
  }

  it("refuses a direct start and the header with impersonation_consent_required", async () => {
    const h = await household();
    await expectApiError(h.admin.client.impersonation.start({ userId: h.member.user.id }), 403, "impersonation_consent_required");
    await expectApiError(actingAs(h.admin, h.member).users.me(), 403, "impersonation_consent_required");
    expect(await server.db.prisma.impersonationSession.count({ where: { targetUserId: h.member.user.id } })).toBe(0);
  });

  it("a request is pending, seen by both, and asking again returns it", async () => {
    const h = await household();
    const request = await h.admin.client.impersonation.request({ userId: h.member.user.id, reason: "help with the rota", mode: "act" });
    expect(request).toMatchObject({
      status: "pending",
      mode: "act",
      reason: "help with the rota",
      actor: { userId: h.admin.user.id },
      target: { userId: h.member.user.id },
      respondedAt: null,
      grantedUntil: null,
    });
    expect((await h.admin.client.impersonation.request({ userId: h.member.user.id })).id).toBe(request.id);
    expect((await h.member.client.impersonation.requests()).incoming.map((r) => r.id)).toEqual([request.id]);
    expect((await h.admin.client.impersonation.requests()).outgoing.map((r) => [r.id, r.status])).toEqual([[request.id, "pending"]]);
    expect((await h.manager.client.impersonation.requests()).incoming).toEqual([]);
    const [requested] = await auditOf(h, "impersonation.requested");
    expect(requested).toMatchObject({ actorUserId: h.admin.user.id, subjectUserId: h.member.user.id, payload: { mode: "act" } });
  });

  it("a grant opens the session in the asked mode, for the impersonation limit; the asker then acts", async () => {
    const h = await household();
    const request = await h.admin.client.impersonation.request({ userId: h.member.user.id, mode: "view" });
    const granted = await h.member.client.impersonation.grant(request.id);
    expect(granted.status).toBe("granted");
    expect(new Date(granted.grantedUntil!).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const acting = actingAs(h.admin, h.member);
    expect(await acting.users.me()).toMatchObject({ id: h.member.user.id, impersonationMode: "view" });
    await expectApiError(acting.users.setActAsConsent({ consent: "anyone" }), 403, "impersonation_not_supported");
    expect((await h.admin.client.impersonation.requests()).outgoing[0]).toMatchObject({ status: "granted" });
    const [started] = await auditOf(h, "impersonation.started");
    expect(started).toMatchObject({ actorUserId: h.admin.user.id, subjectUserId: h.member.user.id, payload: { startedBy: "grant" } });
    const [grantEvent] = await auditOf(h, "impersonation.request_granted");
    expect(grantEvent).toMatchObject({ actorUserId: h.member.user.id, payload: { requestId: request.id } });
    // Another sign-in of the same admin has no grant.
    const otherSignIn = await server.client().auth.login({ login: h.admin.user.username, password: h.admin.password });
    const other = server.client(otherSignIn.token);
    other.setImpersonateUserId(h.member.user.id);
    await expectApiError(other.users.me(), 403, "impersonation_consent_required");
  });

  it("only the member answers: not someone else, not while acted as", async () => {
    const h = await household();
    const request = await h.admin.client.impersonation.request({ userId: h.member.user.id });
    await expectApiError(h.manager.client.impersonation.grant(request.id), 404, "not_found");
    await expectApiError(h.admin.client.impersonation.grant(request.id), 404, "not_found");
    await h.manager.client.users.setActAsConsent({ consent: "anyone" });
    await expectApiError(actingAs(h.admin, h.manager).impersonation.grant(request.id), 403, "impersonation_not_supported");
  });

  it("a decline is final for that request", async () => {
    const h = await household();
    const request = await h.admin.client.impersonation.request({ userId: h.member.user.id });
    expect((await h.member.client.impersonation.decline(request.id)).status).toBe("declined");
    await expectApiError(h.member.client.impersonation.grant(request.id), 409, "invalid_state");
    await expectApiError(actingAs(h.admin, h.member).users.me(), 403, "impersonation_consent_required");
    expect((await h.admin.client.impersonation.requests()).outgoing[0]).toMatchObject({ id: request.id, status: "declined" });
    expect((await auditOf(h, "impersonation.request_declined")).length).toBe(1);
    // Asking again is a new request.
    expect((await h.admin.client.impersonation.request({ userId: h.member.user.id })).id).not.toBe(request.id);
  });

  it("a request not answered in time expires (audited once) and cannot be granted", async () => {
    const h = await household();
    const request = await h.admin.client.impersonation.request({ userId: h.member.user.id });
    await server.db.prisma.actAsRequest.update({ where: { id: request.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await h.member.client.impersonation.requests()).incoming).toEqual([]);
    expect((await h.admin.client.impersonation.requests()).outgoing[0]).toMatchObject({ id: request.id, status: "expired" });
    await expectApiError(h.member.client.impersonation.grant(request.id), 409, "invalid_state");
    expect((await auditOf(h, "impersonation.request_expired")).map((event) => event.payload.requestId)).toEqual([request.id]);
  });

  it("parallel answers resolve once: one grant or decline wins, one session at most", async () => {
    const h = await household();
    for (let round = 0; round < 3; round++) {
      const request = await h.admin.client.impersonation.request({ userId: h.member.user.id });
      const answers = await Promise.allSettled([
        h.member.client.impersonation.grant(request.id),
        h.member.client.impersonation.decline(request.id),
        h.member.client.impersonation.grant(request.id),
        h.member.client.impersonation.decline(request.id),
      ]);
      const won = answers.filter((answer) => answer.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const lost of answers.filter((answer) => answer.status === "rejected"))
        expect(lost.reason).toMatchObject({ code: "invalid_state" });
      const events = await server.db.prisma.auditEvent.count({
        where: { action: { in: ["impersonation.request_granted", "impersonation.request_declined"] }, entityId: String(request.id) },
      });
      expect(events).toBe(1);
    }
    const open = await server.db.prisma.impersonationSession.count({ where: { targetUserId: h.member.user.id, endedAt: null } });
    expect(open).toBeLessThanOrEqual(1);
  });

  it("is declined when the member then says nobody", async () => {
    const h = await household();
    const request = await h.admin.client.impersonation.request({ userId: h.member.user.id });
    await h.member.client.users.setActAsConsent({ consent: "nobody" });
    expect((await h.admin.client.impersonation.requests()).outgoing[0]).toMatchObject({ id: request.id, status: "declined" });
    await expectApiError(h.member.client.impersonation.grant(request.id), 409, "invalid_state");
    expect((await auditOf(h, "impersonation.request_declined")).map((event) => event.payload.requestId)).toEqual([request.id]);
  });

  it("belongs to the circle it was made in: a member who was removed neither sees nor answers it", async () => {
    const h = await household();
    const request = await h.admin.client.impersonation.request({ userId: h.member.user.id });
    await h.admin.client.circles.removeMember(h.member.user.id);
    expect((await h.member.client.impersonation.requests()).incoming).toEqual([]);
    await expectApiError(h.member.client.impersonation.grant(request.id), 404, "not_found");
  });

  it("is refused to API tokens and to members, like any impersonation", async () => {
    const h = await household();
    const { token } = await h.admin.client.users.createToken({ name: "script" });
    await expectApiError(server.client(token).impersonation.request({ userId: h.member.user.id }), 403, "impersonation_forbidden");
    await expectApiError(h.manager.client.impersonation.request({ userId: h.admin.user.id }), 403, "impersonation_target_not_allowed");
    await expectApiError(h.admin.client.impersonation.request({ userId: h.manager.user.id }), 409, "invalid_state");
  });

  it("taking consent back to ask ends sessions started without a grant, and keeps a granted one", async () => {
    const h = await createHousehold(server);
    await h.admin.client.impersonation.start({ userId: h.member.user.id });
    await h.member.client.users.setActAsConsent({ consent: "ask" });
    await expectApiError(actingAs(h.admin, h.member).users.me(), 403, "impersonation_consent_required");
    const request = await h.manager.client.impersonation.request({ userId: h.member.user.id });
    await h.member.client.impersonation.grant(request.id);
    await h.member.client.users.setActAsConsent({ consent: "anyone" });
    await h.member.client.users.setActAsConsent({ consent: "ask" });
    expect((await actingAs(h.manager, h.member).users.me()).id).toBe(h.member.user.id);
  });
});
