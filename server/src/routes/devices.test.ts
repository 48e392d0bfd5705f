/**
 * Shared tablets: admins create and revoke device tokens; a device token may only list
 * the picked member's chores and do or skip them, and see and ask for rewards (with that member's PIN), recorded with
 * both the device and the member. Every other route refuses it.
 */
import { TABLET_MEMBER_HEADERS, type ChorusClient } from "@chorus/shared";
import sharp from "sharp";
import { apiRoutes, DEVICE_MEMBER_ROUTES, routeKey } from "../test/routeTable";
import { DEVICE_PIN_FAILURES_PER_WINDOW, DEVICE_PIN_WINDOW_MS } from "../services/rateLimits";
import { PIN_MAX_FAILURES } from "../services/pins";
import { expectInvalidField, makeChore } from "../test/choreFactories";
import { addMember, createHousehold, expectApiError, signUp, uniqueName, type TestCircle } from "../test/factories";
import { readError, serveSecondApp, startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Kitchen extends TestCircle {
  deviceId: number;
  deviceToken: string;
  /** A child with PIN 2468. */
  child: { userId: number; username: string };
  tablet(): ChorusClient;
}

async function kitchen(): Promise<Kitchen> {
  const home = await createHousehold(server);
  const { id, token } = await home.admin.client.circles.createDevice({ name: "Kitchen tablet" });
  const child = await home.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: "Alex", pin: "2468" });
  return { ...home, deviceId: id, deviceToken: token, child, tablet: () => server.client(token) };
}

function deviceFetch(
  h: Kitchen,
  path: string,
  init: { method?: string; memberId?: number; pin?: string; body?: unknown; image?: Buffer; headers?: Record<string, string> } = {},
) {
  return server.fetch(path, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${h.deviceToken}`,
      ...(init.memberId ? { [TABLET_MEMBER_HEADERS.id]: String(init.memberId) } : {}),
      ...(init.pin ? { [TABLET_MEMBER_HEADERS.pin]: init.pin } : {}),
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(init.image ? { "Content-Type": "image/jpeg" } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.image ? { body: new Uint8Array(init.image) } : {}),
  });
}

describe("managing devices", () => {
  it("an admin creates one (token shown once), lists and revokes it, audited", async () => {
    const home = await createHousehold(server);
    const created = await home.admin.client.circles.createDevice({ name: "Hall tablet" });
    expect(created).toEqual({
      id: expect.any(Number),
      name: "Hall tablet",
      createdBy: home.admin.user.id,
      createdAt: expect.any(String),
      lastUsedAt: null,
      token: expect.stringMatching(/^chorus_dev_[A-Za-z0-9_-]{43}$/),
    });
    const { devices } = await home.admin.client.circles.devices();
    expect(devices).toEqual([
      { id: created.id, name: "Hall tablet", createdBy: home.admin.user.id, createdAt: created.createdAt, lastUsedAt: null },
    ]);
    await home.admin.client.circles.revokeDevice(created.id);
    expect((await home.admin.client.circles.devices()).devices).toEqual([]);
    await expectApiError(home.admin.client.circles.revokeDevice(created.id), 404, "not_found");
    const { events } = await home.admin.client.circles.audit({ action: "device.created" });
    expect(events[0]).toMatchObject({ actorUserId: home.admin.user.id, entityId: String(created.id), payload: { name: "Hall tablet" } });
    expect((await home.admin.client.circles.audit({ action: "device.revoked" })).events).toHaveLength(1);
  });

  it("is for admins signed in as themselves, in their own circle", async () => {
    const home = await createHousehold(server);
    await expectApiError(home.manager.client.circles.createDevice({ name: "X" }), 403, "forbidden");
    await expectApiError(home.member.client.circles.devices(), 403, "forbidden");
    const { token } = await home.admin.client.users.createToken({ name: "script" });
    await expectApiError(server.client(token).circles.createDevice({ name: "X" }), 403, "forbidden");
    const acting = server.client(home.admin.token);
    acting.setImpersonateUserId(home.member.user.id);
    await expectApiError(acting.circles.createDevice({ name: "X" }), 403, "impersonation_not_supported");
    const other = await createHousehold(server);
    const { id } = await other.admin.client.circles.createDevice({ name: "Theirs" });
    await expectApiError(home.admin.client.circles.revokeDevice(id), 404, "not_found");
    await expectInvalidField(home.admin.client.circles.createDevice({ name: " " }), "name");
  });
});

describe("a tablet", () => {
  it("shows its name, circle and the active members as tiles, saying who has a PIN", async () => {
    const h = await kitchen();
    const pending = await signUp(server);
    await pending.client.circles.join({ inviteCode: (await h.admin.client.circles.current()).inviteCode! });
    const view = await h.tablet().tablet.current();
    expect(view.device).toEqual({ id: h.deviceId, name: "Kitchen tablet" });
    expect(view.circle.id).toBe(h.admin.user.circleId);
    expect(view.members.map((member) => member.userId).sort((a, b) => a - b)).toEqual(
      [h.admin.user.id, h.manager.user.id, h.member.user.id, h.child.userId].sort((a, b) => a - b),
    );
    expect(view.members.find((member) => member.userId === h.child.userId)).toEqual({
      userId: h.child.userId,
      displayName: "Alex",
      hasPin: true,
    });
    expect(view.members.find((member) => member.userId === h.member.user.id)?.hasPin).toBe(false);
    // A user's session is not a tablet.
    await expectApiError(h.admin.client.tablet.current(), 401, "unauthenticated");
  });

  it("lists only the picked member's chores and does one for them: via the tablet, for the member, audited", async () => {
    const h = await kitchen();
    const chore = await makeChore(h.admin.client, { assignees: [h.child.userId], points: 3 });
    await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    const tablet = h.tablet();
    tablet.setTabletMember(h.child.userId, "2468");
    expect((await tablet.chores.list()).chores.map((item) => item.id)).toEqual([chore.id]);
    // Whatever the query asks, a tablet sees the picked member's chores.
    expect((await tablet.chores.list({ assignedTo: h.member.user.id })).chores.map((item) => item.id)).toEqual([chore.id]);

    const done = await tablet.chores.do(chore.id, { note: "Tablet", dueDate: chore.nextDueDate });
    expect(done).toMatchObject({ updatedBy: h.child.userId, performedAs: h.child.userId, viaDeviceId: h.deviceId });
    const [entry] = (await h.admin.client.chores.history(chore.id)).history;
    expect(entry).toMatchObject({
      action: "completed",
      updatedBy: h.child.userId,
      performedAs: h.child.userId,
      viaDevice: { id: h.deviceId, name: "Kitchen tablet" },
      points: 3,
    });
    const { members } = await h.admin.client.circles.members();
    expect(members.find((member) => member.userId === h.child.userId)?.points).toBe(3);
    const { events } = await h.admin.client.circles.audit({ action: "chore.completed" });
    expect(events[0]).toMatchObject({
      actorUserId: h.child.userId,
      subjectUserId: null,
      viaDeviceId: h.deviceId,
      entityId: String(chore.id),
      payload: { deviceName: "Kitchen tablet" },
    });

    const skipped = await makeChore(h.admin.client, {
      assignees: [h.child.userId],
      nextDueDate: "2020-01-01T10:00:00Z",
      frequency: { type: "daily" },
    });
    const skippedByTablet = await tablet.chores.skip(skipped.id, { dueDate: skipped.nextDueDate });
    expect(skippedByTablet).toMatchObject({ viaDeviceId: h.deviceId, performedAs: h.child.userId });
    // An action in the web app later is not "via" the tablet.
    expect(await h.admin.client.chores.skip(skipped.id, { dueDate: skippedByTablet.nextDueDate })).toMatchObject({
      viaDeviceId: null,
      updatedBy: h.admin.user.id,
    });
  });

  it("gives everyone a member's permissions: an admin picked on it acts only on their own chores", async () => {
    const h = await kitchen();
    const childs = await makeChore(h.admin.client, { assignees: [h.child.userId] });
    const tablet = h.tablet();
    tablet.setTabletMember(h.admin.user.id);
    await expectApiError(tablet.chores.do(childs.id), 403, "forbidden");
    const { events } = await h.admin.client.circles.audit({ action: "device.denied" });
    expect(events[0]).toMatchObject({
      actorUserId: h.admin.user.id,
      viaDeviceId: h.deviceId,
      payload: { reason: "forbidden", route: "POST /chores/:id/do", deviceName: "Kitchen tablet" },
    });
    const privateChore = await makeChore(h.member.client, { assignees: [h.member.user.id], isPrivate: true });
    await expectApiError(tablet.chores.skip(privateChore.id), 404, "not_found");
  });

  it("needs a picked member, and only an active member of the device's circle", async () => {
    const h = await kitchen();
    const noMember = await deviceFetch(h, "/chores");
    expect([noMember.status, (await readError(noMember)).details?.fields]).toEqual([400, { "X-Chorus-Member-ID": expect.any(String) }]);
    const badMember = await deviceFetch(h, "/chores", { headers: { [TABLET_MEMBER_HEADERS.id]: "01" } });
    expect(badMember.status).toBe(400);

    const pending = await signUp(server);
    await pending.client.circles.join({ inviteCode: (await h.admin.client.circles.current()).inviteCode! });
    const outsider = await signUp(server);
    const bodies = new Set<string>();
    for (const memberId of [pending.user.id, outsider.user.id, 2_000_000_000]) {
      const response = await deviceFetch(h, "/chores", { memberId });
      expect(response.status).toBe(403);
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0]!)).toMatchObject({ error: { code: "device_member_not_allowed" } });
    const { events } = await h.admin.client.circles.audit({ action: "device.denied" });
    expect(events[0]).toMatchObject({ viaDeviceId: h.deviceId, outcome: "denied", payload: { reason: "device_member_not_allowed" } });
  });

  it("checks the member's PIN on every request, and wrong PINs count towards the account's lock", async () => {
    const h = await kitchen();
    const tablet = h.tablet();
    tablet.setTabletMember(h.child.userId);
    await expectApiError(tablet.chores.list(), 403, "invalid_pin");
    tablet.setTabletMember(h.child.userId, "1111");
    await expectApiError(tablet.chores.list(), 403, "invalid_pin");
    tablet.setTabletMember(h.child.userId, "2468");
    await tablet.chores.list();
    for (let attempt = 1; attempt <= PIN_MAX_FAILURES; attempt += 1) {
      tablet.setTabletMember(h.child.userId, "1111");
      await expectApiError(tablet.chores.list(), 403, "invalid_pin");
    }
    tablet.setTabletMember(h.child.userId, "2468");
    await expect(tablet.chores.list()).rejects.toMatchObject({
      status: 423,
      code: "pin_locked",
      message: expect.stringMatching(/too many/i),
      details: { lockedUntil: expect.any(String) },
    });
    const login = await server.fetch("/auth/pin-login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: h.child.username, pin: "2468" }),
    });
    expect(login.status).toBe(423);
    const { events } = await h.admin.client.circles.audit({ action: "auth.pin_locked" });
    expect(events[0]).toMatchObject({ entityId: String(h.child.userId), viaDeviceId: h.deviceId });
  });

  it(`checks at most ${PIN_MAX_FAILURES} of 24 parallel wrong PINs across two processes, refusing the right PIN after them`, async () => {
    const other = await serveSecondApp(server);
    try {
      const h = await kitchen();
      const guess = (pin: string, apiUrl: string) =>
        fetch(`${apiUrl}/chores`, {
          headers: {
            Authorization: `Bearer ${h.deviceToken}`,
            [TABLET_MEMBER_HEADERS.id]: String(h.child.userId),
            [TABLET_MEMBER_HEADERS.pin]: pin,
          },
        }).then(async (response) => ({ status: response.status, code: (await readError(response)).code }));
      const here = `${server.baseUrl}/api/v1`;
      const guesses = Array.from({ length: 24 }, (_, i) => guess("1111", i % 2 ? other.apiUrl : here));
      for (;;) {
        const { pinLockedUntil } = await server.db.prisma.user.findUniqueOrThrow({ where: { id: h.child.userId } });
        if (pinLockedUntil) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const right = await guess("2468", other.apiUrl);
      const answers = await Promise.all(guesses);
      // Each invalid_pin is a PIN that was checked; the rest were refused before any check,
      // by the member's lock or by the tablet's own limit.
      expect(answers.filter((answer) => answer.code === "invalid_pin")).toHaveLength(PIN_MAX_FAILURES);
      expect(answers.every((answer) => ["invalid_pin", "pin_locked", "rate_limited"].includes(answer.code))).toBe(true);
      expect(["pin_locked", "rate_limited"]).toContain(right.code);
      const stored = await server.db.prisma.user.findUniqueOrThrow({ where: { id: h.child.userId } });
      expect(stored.pinFailures).toBe(PIN_MAX_FAILURES);
    } finally {
      await other.close();
    }
  });

  it(`limits one tablet to ${DEVICE_PIN_FAILURES_PER_WINDOW} wrong PINs across its members; right PINs do not count`, async () => {
    const h = await kitchen();
    const kids = [h.child.userId];
    for (const name of ["Bo", "Cy"])
      kids.push((await h.admin.client.circles.addChild({ username: uniqueName("kid"), displayName: name, pin: "2468" })).userId);
    const attempt = (memberId: number, pin: string) =>
      deviceFetch(h, "/chores", { memberId, pin }).then(async (response) => (await readError(response)).code);
    const okAttempt = async (memberId: number) => expect((await deviceFetch(h, "/chores", { memberId, pin: "2468" })).status).toBe(200);
    for (let i = 0; i < 20; i += 1) await okAttempt(kids[i % 3]!);
    // Under each member's own lock, spread over three members.
    for (let i = 0; i < DEVICE_PIN_FAILURES_PER_WINDOW; i += 1) {
      expect(await attempt(kids[i % 3]!, "1111")).toBe("invalid_pin");
      if (i % 3 === 2) await okAttempt(kids[i % 3]!);
    }
    const refused = await deviceFetch(h, "/chores", { memberId: kids[0]!, pin: "2468" });
    expect(refused.status).toBe(429);
    expect(await readError(refused)).toMatchObject({ code: "rate_limited" });
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(DEVICE_PIN_WINDOW_MS / 1000 - 60);
    // Members without a PIN are not PIN attempts: the tablet still works for them.
    expect((await deviceFetch(h, "/chores", { memberId: h.member.user.id })).status).toBe(200);
    // Another tablet has its own allowance.
    const { token } = await h.admin.client.circles.createDevice({ name: "Hall tablet" });
    const hall = server.client(token);
    hall.setTabletMember(kids[1]!, "2468");
    await hall.chores.list();
  });

  it("is refused on the very next request after the member is removed or the device revoked", async () => {
    const h = await kitchen();
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    const tablet = h.tablet();
    tablet.setTabletMember(h.member.user.id);
    await tablet.chores.list();
    await h.admin.client.circles.removeMember(h.member.user.id);
    await expectApiError(tablet.chores.do(chore.id), 403, "device_member_not_allowed");

    const joiner = await addMember(server, h.admin);
    tablet.setTabletMember(joiner.user.id);
    await tablet.chores.list();
    await h.admin.client.circles.revokeDevice(h.deviceId);
    await expectApiError(tablet.chores.list(), 401, "unauthenticated");
    await expectApiError(tablet.tablet.current(), 401, "unauthenticated");
  });

  it("never impersonates", async () => {
    const h = await kitchen();
    for (const path of ["/chores", "/devices/current"]) {
      const response = await deviceFetch(h, path, {
        memberId: h.member.user.id,
        headers: { "X-Impersonate-User-ID": String(h.child.userId) },
      });
      expect([path, response.status, (await readError(response)).code]).toEqual([path, 403, "impersonation_not_supported"]);
    }
  });
});

describe("the device allow-list", () => {
  const routes = () => apiRoutes(server.deps);

  it("is exactly: list chores, do and skip (photo 0030), ticking checklists (0032), claiming (0035), rewards and asking, its page", () => {
    expect([...DEVICE_MEMBER_ROUTES].sort()).toEqual(
      [
        "GET /chores",
        "POST /chores/:id/claim",
        "POST /chores/:id/release",
        "PUT /chores/:id/checklist/:itemId",
        "POST /chores/:id/do",
        "POST /chores/:id/photos",
        "POST /chores/:id/skip",
        "GET /rewards",
        "GET /rewards/requests",
        "POST /rewards/:id/requests",
      ].sort(),
    );
    const declared = new Set(routes().map(routeKey));
    for (const key of DEVICE_MEMBER_ROUTES) expect(declared).toContain(key);
    expect(
      routes()
        .filter((route) => route.auth === "device")
        .map(routeKey),
    ).toEqual(["GET /devices/current"]);
  });

  it("lets the tablet reach every route declared for it, for the picked member with their PIN, and a session none of its own", async () => {
    const h = await kitchen();
    // One-off chores: one to do, one to skip.
    const toDo = await makeChore(h.admin.client, { assignees: [h.child.userId] });
    const toSkip = await makeChore(h.admin.client, { assignees: [h.child.userId] });
    const toTick = await makeChore(h.admin.client, { assignees: [h.child.userId], checklist: [{ text: "Wipe the table" }] });
    // Claimed, then released, by the child at the wall (decision 0035).
    const toClaim = await makeChore(h.admin.client, { assignees: [h.child.userId, h.member.user.id], assignmentMode: "anyone" });
    await h.admin.client.circles.adjustPoints(h.child.userId, { amount: 5, reason: "Start" });
    const reward = await h.admin.client.rewards.create({ name: "Sticker", cost: 1 });
    // Photo proof takes an image's bytes (decision 0030).
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .jpeg()
      .toBuffer();
    const reached: string[] = [];
    for (const route of routes().filter((candidate) => candidate.access.credentials.some((c) => c === "tablet" || c === "tabletMember"))) {
      const key = routeKey(route);
      const path = route.path
        .replace(":itemId", String(toTick.checklist[0]!.id))
        .replace(
          ":id",
          String(
            key.startsWith("POST /rewards")
              ? reward.id
              : key.endsWith("/skip")
                ? toSkip.id
                : key.includes("/checklist/")
                  ? toTick.id
                  : key.endsWith("/claim") || key.endsWith("/release")
                    ? toClaim.id
                    : toDo.id,
          ),
        );
      const member = route.access.credentials.includes("tabletMember");
      const response = await deviceFetch(h, path, {
        method: route.method,
        ...(member ? { memberId: h.child.userId, pin: "2468" } : {}),
        ...(route.method === "POST" ? (key.endsWith("/photos") ? { image: photo } : { body: {} }) : {}),
        ...(key.includes("/checklist/") ? { body: { ticked: true } } : {}),
      });
      expect([key, response.status < 300 ? "ok" : await response.text()]).toEqual([key, "ok"]);
      reached.push(key);
      // The tablet's own page is for the device token alone: a person's session is not a tablet.
      if (!member) await expectApiError(server.client(h.admin.token).tablet.current(), 401, "unauthenticated");
    }
    expect(reached.sort()).toEqual([...DEVICE_MEMBER_ROUTES, "GET /devices/current"].sort());
    expect(await server.db.prisma.rewardRequest.count({ where: { userId: h.child.userId, viaDeviceId: h.deviceId } })).toBe(1);
  });

  it("refuses a device token on every other route of the route table with 403, audited, changing nothing", async () => {
    const h = await kitchen();
    const chore = await makeChore(h.admin.client, { assignees: [h.member.user.id] });
    const { id: tokenId } = await h.admin.client.users.createToken({ name: "to keep" });
    const others = routes().filter((route) => route.auth === "user" && !DEVICE_MEMBER_ROUTES.has(routeKey(route)));
    expect(others.length).toBeGreaterThanOrEqual(25);

    const prisma = server.db.prisma;
    const snapshot = async () => ({
      users: await prisma.user.findMany({ orderBy: { id: "asc" } }),
      circles: await prisma.circle.findMany({ orderBy: { id: "asc" } }),
      memberships: await prisma.membership.findMany({ orderBy: { id: "asc" } }),
      sessions: await prisma.session.count({ where: { revokedAt: null } }),
      tokens: await prisma.apiToken.count(),
      devices: await prisma.device.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, revokedAt: true } }),
      chores: await prisma.chore.findMany({ orderBy: { id: "asc" } }),
      history: await prisma.choreHistory.count(),
      allowedAudit: await prisma.auditEvent.count({ where: { outcome: "allowed" } }),
    });
    const before = await snapshot();
    const deniedBefore = await prisma.auditEvent.count({ where: { action: "device.denied" } });

    const bodies: Record<string, unknown> = {
      "POST /users/me/tokens": { name: "sneaky" },
      "POST /circles": { name: "New" },
      "PATCH /circles/current": { name: "Renamed" },
      "POST /circles/join": { inviteCode: "ABCDEFGHJKLM" },
      "POST /circles/current/members": { username: "sneaky_kid", displayName: "Sneaky" },
      "PUT /circles/current/members/:userId/pin": { pin: "1234" },
      "PUT /circles/current/members/:userId/role": { role: "admin" },
      "PUT /circles/current/members/:userId/impersonator": { impersonator: false },
      "POST /circles/current/devices": { name: "Another" },
      "POST /chores": { name: "Sneaky chore" },
      "PUT /chores/:id": { name: "Renamed chore" },
    };
    for (const route of others) {
      const key = routeKey(route);
      const path = route.path
        .replace(":userId", String(h.child.userId))
        .replace(":circleId", String(h.admin.user.circleId))
        .replace(
          ":id",
          key.startsWith("DELETE /users/me/tokens") ? String(tokenId) : key.includes("/devices/") ? String(h.deviceId) : String(chore.id),
        );
      const response = await deviceFetch(h, path, { method: route.method, memberId: h.child.userId, pin: "2468", body: bodies[key] });
      expect([key, response.status, (await readError(response)).code]).toEqual([key, 403, "device_not_allowed"]);
    }
    expect(await snapshot()).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { action: "device.denied" } })).toBe(deniedBefore + others.length);
  });
});
