/**
 * DESIGN §5 as a security specification: who may act as whom, through which selector,
 * on which endpoints, what is refused and how it is recorded.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { createClient, type ChorusClient } from "@chorus/shared";
import { apiRoutes, IMPERSONATION_ROUTES, routeKey } from "../test/routeTable";
import { addMember, expectApiError, signUp, type TestUser } from "../test/factories";
import { readError, startTestServer, type TestServer } from "../test/harness";
import { rawGet } from "../test/rawHttp";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let phoneSequence = 0;
const nextPhone = () => `+1415555${String(1000 + (phoneSequence += 1)).padStart(4, "0")}`;

interface Household {
  admin: TestUser;
  secondAdmin: TestUser;
  manager: TestUser;
  secondManager: TestUser;
  member: TestUser;
  pending: TestUser;
  outsider: TestUser;
  adminToken: string;
}

async function household(): Promise<Household> {
  const admin = await signUp(server, { phone: nextPhone() });
  const secondAdmin = await addMember(server, admin, "admin", { phone: nextPhone() });
  const manager = await addMember(server, admin, "manager", { phone: nextPhone() });
  const secondManager = await addMember(server, admin, "manager", { phone: nextPhone() });
  const member = await addMember(server, admin, "member", { phone: nextPhone() });
  const pending = await signUp(server, { phone: nextPhone() });
  await pending.client.circles.join({ inviteCode: (await admin.client.circles.current()).inviteCode! });
  const outsider = await signUp(server, { phone: nextPhone() });
  const { token: adminToken } = await admin.client.users.createToken({ name: "script" });
  return { admin, secondAdmin, manager, secondManager, member, pending, outsider, adminToken };
}

type Selector = "id" | "email" | "phone";

function impersonating(client: ChorusClient, selector: Selector, target: { id: number; email: string; phone: string | null }) {
  if (selector === "id") client.setImpersonateUserId(target.id);
  if (selector === "email") client.setImpersonateUserEmail(target.email.toUpperCase());
  if (selector === "phone") client.setImpersonateUserPhone(target.phone!);
  return client;
}

const UNKNOWN = { id: 2_000_000_000, email: "nobody-at-all@example.test", phone: "+19998887777" };

describe("the impersonation matrix", () => {
  let h: Household;
  beforeAll(async () => {
    h = await household();
  });

  const callers = ["admin", "manager", "member", "apiToken", "noToken"] as const;
  const targets = ["admin", "manager", "member", "self", "pending", "otherCircle", "unknown"] as const;
  const selectors: Selector[] = ["id", "email", "phone"];

  function callerClient(caller: (typeof callers)[number]): { client: ChorusClient; self: TestUser | null } {
    switch (caller) {
      case "admin":
        return { client: server.client(h.admin.token), self: h.admin };
      case "manager":
        return { client: server.client(h.manager.token), self: h.manager };
      case "member":
        return { client: server.client(h.member.token), self: h.member };
      case "apiToken":
        return { client: server.client(h.adminToken), self: h.admin };
      case "noToken":
        return { client: server.client(), self: null };
    }
  }

  function targetUser(target: (typeof targets)[number], self: TestUser | null, caller: string) {
    switch (target) {
      case "admin":
        return (caller === "admin" || caller === "apiToken" ? h.secondAdmin : h.admin).user;
      case "manager":
        return (caller === "manager" ? h.secondManager : h.manager).user;
      case "member":
        return h.member.user;
      case "self":
        return (self ?? h.member).user;
      case "pending":
        return h.pending.user;
      case "otherCircle":
        return h.outsider.user;
      case "unknown":
        return UNKNOWN;
    }
  }

  function expected(caller: (typeof callers)[number], target: (typeof targets)[number]): [number, string] {
    if (caller === "noToken") return [401, "unauthenticated"];
    if (caller === "apiToken" || caller === "member") return [403, "impersonation_forbidden"];
    const allowed = caller === "admin" ? ["manager", "member"] : ["member"];
    return allowed.includes(target) ? [200, "ok"] : [403, "impersonation_target_not_allowed"];
  }

  const cases = callers.flatMap((caller) => targets.flatMap((target) => selectors.map((selector) => [caller, target, selector] as const)));

  it.each(cases)("%s acting as %s by %s", async (caller, target, selector) => {
    const { client, self } = callerClient(caller);
    const user = targetUser(target, self, caller);
    const [status, code] = expected(caller, target);
    const call = impersonating(client, selector, user).users.me();
    if (status === 200) {
      const me = await call;
      expect(me).toMatchObject({ id: user.id, impersonatorUserId: self!.user.id });
    } else {
      await expectApiError(call, status, code);
    }
  });

  it("gives byte-identical bodies for every refused target", async () => {
    const bodies = new Set<string>();
    for (const target of [h.secondAdmin.user, h.admin.user, h.pending.user, h.outsider.user, UNKNOWN]) {
      const response = await server.fetch("/users/me", {
        headers: { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-ID": String(target.id) },
      });
      expect(response.status).toBe(403);
      bodies.add(await response.text());
    }
    for (const email of [h.outsider.user.email, UNKNOWN.email, h.admin.user.email]) {
      const response = await server.fetch("/users/me", {
        headers: { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-Email": email },
      });
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
  });
});

describe("malformed selector headers", () => {
  let h: Household;
  beforeAll(async () => {
    h = await household();
  });

  // Whitespace around a value is not part of it (RFC 9110 §5.5: HTTP parsers strip it);
  // whitespace inside is refused.
  const badIds = [
    "",
    " ",
    "+5",
    "-5",
    "5 6",
    "5\t6",
    "05",
    "0",
    "5.0",
    "5.",
    "1e3",
    "0x10",
    "5,6",
    "5;6",
    "١",
    "５",
    "NaN",
    "Infinity",
    "2147483648",
    "9".repeat(1000),
  ];

  it.each(badIds.map((value) => [JSON.stringify(value).slice(0, 40), value]))("refuses id header %s with 400", async (_label, value) => {
    const result = await rawGet(server.baseUrl, "/users/me", [
      Buffer.from(`Authorization: Bearer ${h.admin.token}`),
      Buffer.concat([Buffer.from("X-Impersonate-User-ID: "), Buffer.from(value, "utf8")]),
    ]);
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe("invalid_impersonation_header");
  });

  it.each([
    ["X-Impersonate-User-Email", "not-an-email"],
    ["X-Impersonate-User-Email", "a@b.test, c@d.test"],
    ["X-Impersonate-User-Email", "ünï@example.test"],
    ["X-Impersonate-User-Email", `${"a".repeat(1000)}@example.test`],
    ["X-Impersonate-User-Phone", "14155550100"],
    ["X-Impersonate-User-Phone", "+1 415 555 0100"],
    ["X-Impersonate-User-Phone", "+0123456789"],
    ["X-Impersonate-User-Phone", ""],
  ])("refuses %s: %j with 400", async (header, value) => {
    const result = await rawGet(server.baseUrl, "/users/me", [
      Buffer.from(`Authorization: Bearer ${h.admin.token}`),
      Buffer.concat([Buffer.from(`${header}: `), Buffer.from(value, "utf8")]),
    ]);
    expect(result.status).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe("invalid_impersonation_header");
  });

  it("refuses two selectors, and the same selector twice", async () => {
    const auth = Buffer.from(`Authorization: Bearer ${h.admin.token}`);
    const two = await rawGet(server.baseUrl, "/users/me", [
      auth,
      Buffer.from(`X-Impersonate-User-ID: ${h.member.user.id}`),
      Buffer.from(`X-Impersonate-User-Email: ${h.member.user.email}`),
    ]);
    expect([two.status, JSON.parse(two.body).error.code]).toEqual([400, "invalid_impersonation_header"]);
    const twice = await rawGet(server.baseUrl, "/users/me", [
      auth,
      Buffer.from(`X-Impersonate-User-ID: ${h.member.user.id}`),
      Buffer.from(`X-Impersonate-User-ID: ${h.member.user.id}`),
    ]);
    expect([twice.status, JSON.parse(twice.body).error.code]).toEqual([400, "invalid_impersonation_header"]);
  });

  it("checks authentication before the header", async () => {
    const result = await rawGet(server.baseUrl, "/users/me", [Buffer.from("X-Impersonate-User-ID: abc")]);
    expect(result.status).toBe(401);
  });

  it("never answers 5xx, and never 200 for an invalid value, whatever bytes arrive (fuzz)", async () => {
    let seed = 1234567;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const headers = ["X-Impersonate-User-ID", "X-Impersonate-User-Email", "X-Impersonate-User-Phone"];
    const alphabet = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte).filter((byte) => byte !== 10 && byte !== 13));
    const statuses = new Map<number, number>();
    for (let i = 0; i < 250; i += 1) {
      const length = Math.floor(random() * 40);
      const bytes = Buffer.from(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!));
      // Sometimes start from a valid-looking value and corrupt one byte.
      if (random() < 0.3 && length > 0) bytes[Math.floor(random() * length)] = 0x30 + Math.floor(random() * 10);
      const header = headers[Math.floor(random() * headers.length)]!;
      const result = await rawGet(server.baseUrl, "/users/me", [
        Buffer.from(`Authorization: Bearer ${h.admin.token}`),
        Buffer.concat([Buffer.from(`${header}: `), bytes]),
      ]);
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
      expect(result.status).toBeLessThan(500);
      const value = bytes.toString("latin1").trim();
      const plausible =
        (header.endsWith("ID") && /^[1-9][0-9]*$/.test(value)) ||
        (header.endsWith("Email") && /^[^@\s]+@[^@\s]+$/.test(value)) ||
        (header.endsWith("Phone") && /^\+[1-9][0-9]+$/.test(value));
      if (!plausible) expect([value, result.status]).not.toEqual([value, 200]);
    }
    expect(statuses.get(400)).toBeGreaterThan(100);
  });
});

describe("endpoints that do not support impersonation", () => {
  it("lists exactly DESIGN §5's endpoints, plus undo (0007), live updates (0008), extending it (0012) and the tasks page (0018)", () => {
    expect([...IMPERSONATION_ROUTES].sort()).toEqual(
      [
        "GET /users/me",
        "GET /circles/current",
        "GET /circles/current/members",
        "GET /chores",
        "GET /chores/:id",
        "GET /chores/:id/history",
        "POST /chores/:id/do",
        "POST /chores/:id/skip",
        "POST /chores/:id/undo",
        "PUT /chores/:id/start",
        "PUT /chores/:id/pause",
        // Live-update hints only (docs/decisions/0008-live-updates-and-serving.md).
        "GET /events",
        "POST /impersonation/extend",
        // The tasks page's first screen in one answer: the four GETs above (decision 0018).
        "GET /pages/tasks",
        // Switching view only / view and act (decision 0020).
        "PATCH /impersonation",
        // The acted-as member's own points history (decision 0025), rewards and asking for one (0026).
        "GET /circles/current/members/:userId/points",
        "GET /rewards",
        "GET /rewards/requests",
        "POST /rewards/:id/requests",
        // The statistics as the member sees them (decision 0029).
        "GET /circles/current/statistics",
        // Photo proof: uploading one for the member's do, and seeing the member's own (decision 0030).
        "POST /chores/:id/photos",
        "GET /photos/:id",
        // Ticking the member's checklist (decision 0032).
        "PUT /chores/:id/checklist/:itemId",
        // Claiming a shared chore for the member, and releasing it (decision 0035).
        "POST /chores/:id/claim",
        "POST /chores/:id/release",
        // Who is away, so the task list reads as the member sees it (decision 0034); setting it is never acting as them.
        "GET /circles/current/away",
        // The member's calendar as they see it; anyone else's is refused (decision 0036).
        "GET /calendar",
      ].sort(),
    );
    const declared = new Set(apiRoutes(server.deps).map(routeKey));
    for (const key of IMPERSONATION_ROUTES) expect(declared).toContain(key);
  });

  it("refuses a selector on every other route with 403 and changes nothing", async () => {
    const h = await household();
    const chore = await h.admin.client.chores.create({ name: "Bins", assignees: [h.member.user.id] });
    const { id: tokenId } = await h.admin.client.users.createToken({ name: "to keep" });
    const routes = apiRoutes(server.deps).filter((route) => !IMPERSONATION_ROUTES.has(routeKey(route)));
    expect(routes.length).toBeGreaterThanOrEqual(15);

    const prisma = server.db.prisma;
    const snapshot = async () => ({
      users: await prisma.user.count(),
      circles: await prisma.circle.findMany({ orderBy: { id: "asc" } }),
      memberships: await prisma.membership.findMany({ orderBy: { id: "asc" } }),
      sessions: await prisma.session.count({ where: { revokedAt: null } }),
      tokens: await prisma.apiToken.count(),
      chores: await prisma.chore.findMany({ orderBy: { id: "asc" } }),
      history: await prisma.choreHistory.count(),
      points: await prisma.pointsEntry.count(),
      rewards: await prisma.reward.count(),
      allowedAudit: await prisma.auditEvent.count({ where: { outcome: "allowed" } }),
    });
    const before = await snapshot();

    const bodies: Record<string, unknown> = {
      "POST /auth/signup": { username: "fresh_user", email: "fresh@example.test", password: "long enough password" },
      "POST /auth/login": { login: h.admin.user.username, password: h.admin.password },
      "POST /users/me/tokens": { name: "sneaky" },
      "POST /circles": { name: "New" },
      "PATCH /circles/current": { name: "Renamed" },
      "POST /circles/join": { inviteCode: "ABCDEFGHJKLM" },
      "PUT /circles/current/members/:userId/role": { role: "admin" },
      "PUT /circles/current/members/:userId/impersonator": { impersonator: false },
      "POST /chores": { name: "Sneaky chore" },
      "PUT /chores/:id": { name: "Renamed chore" },
    };
    for (const route of routes) {
      const key = routeKey(route);
      const path = route.path
        .replace(":userId", String(h.member.user.id))
        .replace(":id", key.startsWith("DELETE /users/me/tokens") ? String(tokenId) : String(chore.id));
      const body = bodies[key];
      const response = await server.fetch(path, {
        method: route.method,
        headers: {
          Authorization: `Bearer ${h.admin.token}`,
          "X-Impersonate-User-ID": String(h.member.user.id),
          ...(body ? { "Content-Type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const error = await readError(response);
      expect([key, response.status, error.code]).toEqual([key, 403, "impersonation_not_supported"]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("never shows the audit log while impersonating", async () => {
    const h = await household();
    h.admin.client.setImpersonateUserId(h.manager.user.id);
    await expectApiError(h.admin.client.circles.audit(), 403, "impersonation_not_supported");
  });
});

describe("while impersonating", () => {
  it("evaluates the request with the target's permissions and view", async () => {
    const h = await household();
    const client = server.client(h.admin.token);
    client.setImpersonateUserId(h.member.user.id);
    expect((await client.circles.current()).inviteCode).toBeUndefined();
    const members = (await client.circles.members()).members.map((m) => m.userId);
    expect(members).not.toContain(h.pending.user.id);
    expect(members).toContain(h.member.user.id);
  });

  it("sends no-store and Vary on API responses", async () => {
    const h = await household();
    const response = await server.fetch("/users/me", {
      headers: { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-ID": String(h.member.user.id) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("vary")).toBe(
      "Authorization, X-Impersonate-User-ID, X-Impersonate-User-Email, X-Impersonate-User-Phone, X-Chorus-Member-ID",
    );
  });

  it("resolves caller, target and impersonation session in one SQL statement: no extra round trip", async () => {
    const h = await household();
    const actingHeaders = { Authorization: `Bearer ${h.admin.token}`, "X-Impersonate-User-ID": String(h.member.user.id) };
    // The first header request starts the impersonation session (docs/decisions/0012); the rest find it.
    await server.fetch("/users/me", { headers: actingHeaders });
    const plain = await server.fetch("/users/me", { headers: { Authorization: `Bearer ${h.admin.token}` } });
    const acting = await server.fetch("/users/me", { headers: actingHeaders });
    expect(Number(plain.headers.get("x-sql-statements"))).toBe(1);
    expect(Number(acting.headers.get("x-sql-statements"))).toBe(1);
  });

  it("SDK setters replace the previous target and clearImpersonation ends it", async () => {
    const h = await household();
    const client = server.client(h.admin.token);
    client.setImpersonateUserEmail(h.manager.user.email);
    client.setImpersonateUserId(h.member.user.id);
    expect((await client.users.me()).id).toBe(h.member.user.id);
    client.setImpersonateUserPhone(h.manager.user.phone!);
    expect((await client.users.me()).id).toBe(h.manager.user.id);
    client.clearImpersonation();
    expect(await client.users.me()).toMatchObject({ id: h.admin.user.id, impersonatorUserId: null });
  });
});

describe("revocation takes effect on the next request", () => {
  async function actingManager() {
    const h = await household();
    const client = createClient({ baseUrl: server.baseUrl, token: h.manager.token });
    client.setImpersonateUserId(h.member.user.id);
    expect((await client.users.me()).id).toBe(h.member.user.id);
    return { h, client };
  }

  it("when the caller is demoted", async () => {
    const { h, client } = await actingManager();
    await h.admin.client.circles.setRole(h.manager.user.id, { role: "member" });
    await expectApiError(client.users.me(), 403, "impersonation_forbidden");
  });

  it("when the caller's impersonator flag is turned off", async () => {
    const { h, client } = await actingManager();
    await h.admin.client.circles.setImpersonator(h.manager.user.id, { impersonator: false });
    await expectApiError(client.users.me(), 403, "impersonation_forbidden");
    await h.admin.client.circles.setImpersonator(h.manager.user.id, { impersonator: true });
    expect((await client.users.me()).id).toBe(h.member.user.id);
  });

  it("when the circle switches impersonation off", async () => {
    const { h, client } = await actingManager();
    await h.admin.client.circles.update({ impersonationEnabled: false });
    await expectApiError(client.users.me(), 403, "impersonation_forbidden");
  });

  it("when the caller is removed", async () => {
    const { h, client } = await actingManager();
    await h.admin.client.circles.removeMember(h.manager.user.id);
    await expectApiError(client.users.me(), 403, "impersonation_forbidden");
  });

  it("when the target is removed or promoted", async () => {
    const { h, client } = await actingManager();
    await h.admin.client.circles.setRole(h.member.user.id, { role: "manager" });
    await expectApiError(client.users.me(), 403, "impersonation_target_not_allowed");
    await h.admin.client.circles.setRole(h.member.user.id, { role: "member" });
    expect((await client.users.me()).id).toBe(h.member.user.id);
    await h.admin.client.circles.removeMember(h.member.user.id);
    await expectApiError(client.users.me(), 403, "impersonation_target_not_allowed");
  });

  it("when the caller logs out", async () => {
    const { client } = await actingManager();
    client.clearImpersonation();
    await client.auth.logout();
    client.setImpersonateUserId(1);
    await expectApiError(client.users.me(), 401, "unauthenticated");
  });
});

describe("audit of impersonation", () => {
  it("records refused attempts with actor, subject, reason and request details, never the raw header", async () => {
    const h = await household();
    const client = server.client(h.manager.token);
    client.setImpersonateUserId(h.admin.user.id);
    await expectApiError(client.users.me(), 403, "impersonation_target_not_allowed");
    const member = server.client(h.member.token);
    member.setImpersonateUserId(h.manager.user.id);
    await expectApiError(member.users.me(), 403, "impersonation_forbidden");
    await rawGet(server.baseUrl, "/users/me", [
      Buffer.from(`Authorization: Bearer ${h.manager.token}`),
      Buffer.from("X-Impersonate-User-ID: 12<script>"),
    ]);

    const { events } = await h.admin.client.circles.audit({ action: "impersonation.denied" });
    expect(events).toHaveLength(3);
    const [malformed, forbidden, target] = events;
    expect(target).toMatchObject({
      actorUserId: h.manager.user.id,
      subjectUserId: h.admin.user.id,
      outcome: "denied",
      payload: { reason: "impersonation_target_not_allowed", impersonatedUserId: h.admin.user.id, route: "GET /users/me" },
    });
    expect(target!.requestId).toBeTruthy();
    expect(target!.ip).toBeTruthy();
    expect(target!.userAgent).toBeTruthy();
    expect(forbidden).toMatchObject({
      actorUserId: h.member.user.id,
      subjectUserId: h.manager.user.id,
      payload: { reason: "impersonation_forbidden" },
    });
    expect(malformed).toMatchObject({ actorUserId: h.manager.user.id, payload: { reason: "invalid_impersonation_header" } });
    expect(JSON.stringify(malformed)).not.toContain("<script>");
  });

  it("writes log lines with both ids and without header values", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await startTestServer({}, pino({ level: "debug" }, sink)); // successful requests log at debug
    try {
      const admin = await signUp(logged);
      const member = await addMember(logged, admin);
      const client = logged.client(admin.token);
      client.setImpersonateUserEmail(member.user.email);
      await client.users.me();
      await rawGet(logged.baseUrl, "/users/me", [
        Buffer.from(`Authorization: Bearer ${admin.token}`),
        Buffer.from('X-Impersonate-User-Email: x@y.test\x1b[31m", "forged": "entry'),
      ]);
      const entries = lines.map((line) => JSON.parse(line));
      const acted = entries.find((entry) => entry.subjectUserId === member.user.id);
      expect(acted).toMatchObject({ actorUserId: admin.user.id, subjectUserId: member.user.id });
      const text = lines.join("");
      expect(text).not.toContain(member.user.email);
      expect(text).not.toContain("forged");
      expect(text).not.toContain(admin.token);
    } finally {
      await logged.close();
    }
  });
});
