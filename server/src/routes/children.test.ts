/**
 * Children's accounts: created by an admin or manager with no email, signing in with a
 * PIN that locks after wrong tries, reset by an admin.
 */
import { PIN_LOCK_MINUTES, PIN_MAX_FAILURES } from "../services/pins";
import { expectInvalidField } from "../test/choreFactories";
import { createHousehold, expectApiError, uniqueName, type TestCircle } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server);
});
afterAll(() => server.close());

const childName = () => uniqueName("kid");

async function pinLogin(username: string, pin: string) {
  const response = await server.fetch("/auth/pin-login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, pin }),
  });
  return { status: response.status, body: await response.text() };
}

describe("POST /circles/current/members (add a child)", () => {
  it("creates an active member with no email in the caller's circle, audited", async () => {
    const username = childName();
    const child = await home.admin.client.circles.addChild({ username, displayName: "Alex", pin: "4821" });
    expect(child).toEqual({
      userId: expect.any(Number),
      username,
      displayName: "Alex",
      email: null,
      phone: null,
      role: "member",
      status: "active",
      impersonator: false,
      points: 0,
    });
    const { members } = await home.member.client.circles.members();
    expect(members.map((member) => member.userId)).toContain(child.userId);
    const { events } = await home.admin.client.circles.audit({ action: "member.child_created" });
    expect(events[0]).toMatchObject({
      actorUserId: home.admin.user.id,
      entityId: String(child.userId),
      payload: { username, pin: true, password: false },
    });
  });

  it("lets managers add children too, and several children without email", async () => {
    const first = await home.manager.client.circles.addChild({ username: childName(), displayName: "Jo" });
    const second = await home.manager.client.circles.addChild({ username: childName(), displayName: "Kim", password: "kims-long-password" });
    expect([first.email, second.email]).toEqual([null, null]);
    // Searching members still works when some have no email.
    const { members } = await home.admin.client.circles.members({ search: "Kim" });
    expect(members.map((member) => member.userId)).toEqual([second.userId]);
  });

  it("refuses plain members, and admins while impersonating", async () => {
    await expectApiError(home.member.client.circles.addChild({ username: childName(), displayName: "X" }), 403, "forbidden");
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(home.member.user.id);
    await expectApiError(acting.circles.addChild({ username: childName(), displayName: "X" }), 403, "impersonation_not_supported");
  });

  it("validates the fields and refuses a taken username", async () => {
    const client = home.admin.client;
    await expectInvalidField(client.circles.addChild({ username: childName(), displayName: "X", pin: "12a4" }), "pin");
    await expectInvalidField(client.circles.addChild({ username: childName(), displayName: "X", pin: "123" }), "pin");
    await expectInvalidField(client.circles.addChild({ username: childName(), displayName: "X", pin: "123456789" }), "pin");
    await expectInvalidField(client.circles.addChild({ username: "No Caps", displayName: "X" }), "username");
    await expectInvalidField(client.circles.addChild({ username: childName(), displayName: " " }), "displayName");
    await expectInvalidField(client.circles.addChild({ username: childName(), displayName: "X", password: "short" }), "password");
    const response = await server.fetch("/circles/current/members", {
      method: "POST",
      headers: { Authorization: `Bearer ${home.admin.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ username: childName(), displayName: "X", email: "kid@example.test" }),
    });
    expect((await readError(response)).details?.fields).toEqual({ email: "Unknown field" });
    await expect(client.circles.addChild({ username: home.member.user.username, displayName: "X" })).rejects.toMatchObject({
      status: 409,
      code: "conflict",
      details: { field: "username" },
    });
  });
});

describe("signing in as a child", () => {
  it("with username and PIN: a session whose user has no email", async () => {
    const username = childName();
    const child = await home.admin.client.circles.addChild({ username, displayName: "Pip", pin: "123456" });
    const { token, user } = await server.client().auth.pinLogin({ username, pin: "123456" });
    expect(user).toMatchObject({ id: child.userId, email: null, circleId: home.admin.user.circleId, role: "member" });
    expect(await server.client(token).users.me()).toMatchObject({ id: child.userId, email: null });
  });

  it("with username and password when the child has one", async () => {
    const username = childName();
    await home.admin.client.circles.addChild({ username, displayName: "Ren", password: "rens-long-password" });
    const { user } = await server.client().auth.login({ login: username, password: "rens-long-password" });
    expect(user).toMatchObject({ username, email: null });
    // No PIN was set: PIN sign-in is refused like any wrong PIN.
    expect((await pinLogin(username, "0000")).status).toBe(401);
  });

  it("never tells an unknown username from a wrong PIN", async () => {
    const username = childName();
    await home.admin.client.circles.addChild({ username, displayName: "Sol", pin: "2468" });
    const wrong = await pinLogin(username, "1111");
    const unknown = await pinLogin(childName(), "1111");
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: { code: "invalid_credentials" } });
  });

  it(`locks the account after ${PIN_MAX_FAILURES} wrong PINs, audited, with the same answer; an admin's reset lifts it`, async () => {
    const username = childName();
    const child = await home.admin.client.circles.addChild({ username, displayName: "Tam", pin: "9753" });
    const wrong = await pinLogin(username, "0000");
    for (let attempt = 2; attempt <= PIN_MAX_FAILURES; attempt += 1) expect(await pinLogin(username, "0000")).toEqual(wrong);
    // Locked: even the right PIN gets the same answer as a wrong one.
    expect(await pinLogin(username, "9753")).toEqual(wrong);
    const stored = await server.db.prisma.user.findUniqueOrThrow({ where: { id: child.userId } });
    expect(stored.pinLockedUntil!.getTime()).toBeGreaterThan(Date.now() + (PIN_LOCK_MINUTES - 1) * 60_000);
    const { events } = await home.admin.client.circles.audit({ action: "auth.pin_locked" });
    expect(events.find((event) => event.entityId === String(child.userId))).toMatchObject({
      outcome: "denied",
      actorUserId: null,
      payload: { failures: PIN_MAX_FAILURES },
    });

    await home.admin.client.circles.setMemberPin(child.userId, { pin: "1357" });
    expect((await pinLogin(username, "9753")).status).toBe(401);
    expect((await pinLogin(username, "1357")).status).toBe(200);
    const reset = await home.admin.client.circles.audit({ action: "member.pin_reset" });
    expect(reset.events[0]).toMatchObject({ actorUserId: home.admin.user.id, entityId: String(child.userId) });
  });

  it("counts only wrong PINs in a row: a right one clears the count", async () => {
    const username = childName();
    await home.admin.client.circles.addChild({ username, displayName: "Uma", pin: "8642" });
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 1; attempt < PIN_MAX_FAILURES; attempt += 1) expect((await pinLogin(username, "0000")).status).toBe(401);
      expect((await pinLogin(username, "8642")).status).toBe(200);
    }
  });

  it("validates the PIN sign-in body", async () => {
    await expectInvalidField(server.client().auth.pinLogin({ username: "someone", pin: "12" }), "pin");
    await expectInvalidField(server.client().auth.pinLogin({ username: "", pin: "1234" }), "username");
  });
});

describe("PUT /circles/current/members/:userId/pin", () => {
  it("is for admins, on children's accounts of their own circle", async () => {
    const child = await home.admin.client.circles.addChild({ username: childName(), displayName: "Vi" });
    await expectApiError(home.manager.client.circles.setMemberPin(child.userId, { pin: "1234" }), 403, "forbidden");
    await expectApiError(home.admin.client.circles.setMemberPin(home.member.user.id, { pin: "1234" }), 403, "forbidden");
    const other = await createHousehold(server);
    await expectApiError(other.admin.client.circles.setMemberPin(child.userId, { pin: "1234" }), 404, "not_found");
    await expectInvalidField(home.admin.client.circles.setMemberPin(child.userId, { pin: "12" }), "pin");
    expect(await home.admin.client.circles.setMemberPin(child.userId, { pin: "1234" })).toMatchObject({ userId: child.userId });
  });
});

describe("impersonating a child", () => {
  it("works by id, and no email selector ever matches an account without one", async () => {
    const child = await home.admin.client.circles.addChild({ username: childName(), displayName: "Wes" });
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(child.userId);
    expect(await acting.users.me()).toMatchObject({ id: child.userId, email: null, impersonatorUserId: home.admin.user.id });
    acting.setImpersonateUserEmail("nobody@example.test");
    await expectApiError(acting.users.me(), 403, "impersonation_target_not_allowed");
  });
});
