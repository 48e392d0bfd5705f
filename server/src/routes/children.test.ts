/**
 * Children's accounts: created by an admin or manager with no email, signing in with a
 * PIN that locks after wrong tries, reset by an admin.
 */
import { PIN_LOCK_MINUTES, PIN_MAX_FAILURES } from "../services/pins";
import { expectInvalidField } from "../test/choreFactories";
import { createHousehold, expectApiError, uniqueName, type TestCircle } from "../test/factories";
import { readError, serveSecondApp, startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
let home: TestCircle;
beforeAll(async () => {
  server = await startTestServer();
  home = await createHousehold(server);
});
afterAll(() => server.close());

const childName = () => uniqueName("kid");

async function pinLogin(username: string, pin: string, apiUrl = `${server.baseUrl}/api/v1`) {
  const response = await fetch(`${apiUrl}/auth/pin-login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, pin }),
  });
  return { status: response.status, body: await response.text() };
}

const errorOf = (answer: { body: string }) =>
  (JSON.parse(answer.body) as { error: { code: string; details?: { lockedUntil?: string } } }).error;

/** Resolves once the account's lock is set (polling the database), while requests are still in flight. */
async function lockSet(userId: number) {
  for (;;) {
    const { pinLockedUntil } = await server.db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    if (pinLockedUntil) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
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
      pinLockedUntil: null,
      // A child cannot choose: its circle's admins and managers may always act for it (decision 0023).
      actAsConsent: "anyone",
      awaitingClaim: false,
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
    const second = await home.manager.client.circles.addChild({
      username: childName(),
      displayName: "Kim",
      password: "kims-long-password",
    });
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

  it(`locks the account after ${PIN_MAX_FAILURES} wrong PINs, audited, with 423 pin_locked; an admin's reset lifts it`, async () => {
    const username = childName();
    const child = await home.admin.client.circles.addChild({ username, displayName: "Tam", pin: "9753" });
    const wrong = await pinLogin(username, "0000");
    for (let attempt = 2; attempt <= PIN_MAX_FAILURES; attempt += 1) expect(await pinLogin(username, "0000")).toEqual(wrong);
    // Locked: even the right PIN is refused, saying so and until when.
    const locked = await pinLogin(username, "9753");
    expect(locked.status).toBe(423);
    expect(errorOf(locked)).toMatchObject({ code: "pin_locked", details: { lockedUntil: expect.any(String) } });
    const lockedUntil = new Date(errorOf(locked).details!.lockedUntil!).getTime();
    expect(lockedUntil).toBeGreaterThan(Date.now() + (PIN_LOCK_MINUTES - 1) * 60_000);
    const stored = await server.db.prisma.user.findUniqueOrThrow({ where: { id: child.userId } });
    expect(stored.pinLockedUntil!.getTime()).toBe(lockedUntil);
    const { events } = await home.admin.client.circles.audit({ action: "auth.pin_locked" });
    expect(events.find((event) => event.entityId === String(child.userId))).toMatchObject({
      outcome: "denied",
      actorUserId: null,
      payload: { failures: PIN_MAX_FAILURES },
    });
    // Admins see the lock on the child's row.
    const { members } = await home.admin.client.circles.members();
    expect(members.find((member) => member.userId === child.userId)?.pinLockedUntil).toBe(new Date(lockedUntil).toISOString());

    await home.admin.client.circles.setMemberPin(child.userId, { pin: "1357" });
    expect((await pinLogin(username, "9753")).status).toBe(401);
    expect((await pinLogin(username, "1357")).status).toBe(200);
    const reset = await home.admin.client.circles.audit({ action: "member.pin_reset" });
    expect(reset.events[0]).toMatchObject({ actorUserId: home.admin.user.id, entityId: String(child.userId) });
  });

  it("locks an unknown username, or one without a PIN, just the same: a lock does not tell who exists", async () => {
    const withoutPin = childName();
    await home.admin.client.circles.addChild({ username: withoutPin, displayName: "Wes", password: "wes-long-password" });
    for (const username of [childName(), withoutPin]) {
      for (let attempt = 1; attempt <= PIN_MAX_FAILURES; attempt += 1) {
        const answer = await pinLogin(username, "0000");
        expect([answer.status, errorOf(answer).code]).toEqual([401, "invalid_credentials"]);
      }
      const locked = await pinLogin(username, "0000");
      expect(locked.status).toBe(423);
      expect(errorOf(locked)).toMatchObject({ code: "pin_locked", details: { lockedUntil: expect.any(String) } });
      expect(new Date(errorOf(locked).details!.lockedUntil!).getTime()).toBeGreaterThan(Date.now() + (PIN_LOCK_MINUTES - 1) * 60_000);
    }
  });

  it("matches the username in any case, as password sign-in does", async () => {
    const username = childName();
    const child = await home.admin.client.circles.addChild({ username, displayName: "Xan", pin: "5791" });
    const { user } = await server.client().auth.pinLogin({ username: ` ${username.toUpperCase()} `, pin: "5791" });
    expect(user.id).toBe(child.userId);
    // Wrong PINs in any case count against the same account.
    for (let attempt = 1; attempt <= PIN_MAX_FAILURES; attempt += 1)
      await pinLogin(attempt % 2 ? username.toUpperCase() : username, "0000");
    expect((await pinLogin(username, "5791")).status).toBe(423);
  });

  it(`verifies at most ${PIN_MAX_FAILURES} of 24 parallel wrong PINs across two processes, refusing the right PIN after them`, async () => {
    const other = await serveSecondApp(server);
    try {
      const username = childName();
      const child = await home.admin.client.circles.addChild({ username, displayName: "Yas", pin: "3690" });
      const guesses = Array.from({ length: 24 }, (_, i) => pinLogin(username, "0000", i % 2 ? other.apiUrl : undefined));
      await lockSet(child.userId);
      const right = await pinLogin(username, "3690", other.apiUrl);
      const answers = await Promise.all(guesses);
      expect(right.status).toBe(423);
      // Each 401 is a guess that was checked; every other one was refused before its check.
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(PIN_MAX_FAILURES);
      expect(statuses.filter((status) => status === 423)).toHaveLength(24 - PIN_MAX_FAILURES);
      const stored = await server.db.prisma.user.findUniqueOrThrow({ where: { id: child.userId } });
      expect(stored.pinFailures).toBe(PIN_MAX_FAILURES);
      const { events } = await home.admin.client.circles.audit({ action: "auth.pin_locked" });
      expect(events.filter((event) => event.entityId === String(child.userId))).toHaveLength(1);
    } finally {
      await other.close();
    }
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

describe("POST /circles/current/members/:userId/pin/unlock", () => {
  async function lockedChild() {
    const username = childName();
    const child = await home.admin.client.circles.addChild({ username, displayName: "Zed", pin: "1470" });
    for (let attempt = 1; attempt <= PIN_MAX_FAILURES; attempt += 1) await pinLogin(username, "0000");
    expect((await pinLogin(username, "1470")).status).toBe(423);
    return { ...child, username };
  }

  it("lets an admin lift a child's lock, keeping the PIN, audited", async () => {
    const child = await lockedChild();
    const unlocked = await home.admin.client.circles.unlockMemberPin(child.userId);
    expect(unlocked).toMatchObject({ userId: child.userId, pinLockedUntil: null });
    expect((await pinLogin(child.username, "1470")).status).toBe(200);
    const { events } = await home.admin.client.circles.audit({ action: "member.pin_unlocked" });
    expect(events[0]).toMatchObject({
      actorUserId: home.admin.user.id,
      entityId: String(child.userId),
      outcome: "allowed",
      payload: { wasLockedUntil: expect.any(String) },
    });
    // A new run of tries starts from nothing.
    for (let attempt = 1; attempt < PIN_MAX_FAILURES; attempt += 1) expect((await pinLogin(child.username, "0000")).status).toBe(401);
    expect((await pinLogin(child.username, "1470")).status).toBe(200);
  });

  it("is for admins as themselves: managers, members and impersonating admins are refused; adults' PINs are theirs", async () => {
    const child = await lockedChild();
    await expectApiError(home.manager.client.circles.unlockMemberPin(child.userId), 403, "forbidden");
    await expectApiError(home.member.client.circles.unlockMemberPin(child.userId), 403, "forbidden");
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(home.member.user.id);
    await expectApiError(acting.circles.unlockMemberPin(child.userId), 403, "impersonation_not_supported");
    await expectApiError(home.admin.client.circles.unlockMemberPin(home.member.user.id), 403, "forbidden");
    const other = await createHousehold(server);
    await expectApiError(other.admin.client.circles.unlockMemberPin(child.userId), 404, "not_found");
    await expectInvalidField(home.admin.client.circles.unlockMemberPin(0), "userId");
    expect((await pinLogin(child.username, "1470")).status).toBe(423);
    // An admin's API token acts as the admin, as for setting a PIN.
    const { token } = await home.admin.client.users.createToken({ name: "script" });
    expect(await server.client(token).circles.unlockMemberPin(child.userId)).toMatchObject({ pinLockedUntil: null });
    expect((await pinLogin(child.username, "1470")).status).toBe(200);
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
