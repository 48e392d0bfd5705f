import jwt from "jsonwebtoken";
import { expectApiError, signUp, uniqueName } from "../test/factories";
import { openDatabase } from "../db/database";
import { readError, serveTestApp, startTestServer, type TestServer } from "../test/harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /health", () => {
  it("reports the database kind, and on PostgreSQL the connection pool", async () => {
    const health = await server.client().health.get();
    if (process.env.TEST_DATABASE_URL) {
      // The harness's pool holds 5; the health check's own query has just gone back to it.
      expect(health).toEqual({
        status: "ok",
        db: "postgres",
        pool: { size: expect.any(Number), max: 5, idle: expect.any(Number), waiting: 0 },
      });
      expect(health.pool!.size).toBeGreaterThanOrEqual(1);
      expect(health.pool!.idle).toBeLessThanOrEqual(health.pool!.size);
    } else {
      expect(health).toEqual({ status: "ok", db: "pglite" });
    }
  });
});

describe("POST /auth/signup", () => {
  it("creates the user, their own circle as admin, and a working session", async () => {
    const username = uniqueName("sam");
    const { token, user } = await server.client().auth.signup({
      username,
      email: `${username}@Example.TEST`,
      password: "long enough password",
      displayName: "Sam",
      phone: "+14155550100",
      timezone: "Europe/Berlin",
    });
    expect(user).toMatchObject({ username, displayName: "Sam", role: "admin", timezone: "Europe/Berlin", impersonatorUserId: null });
    const me = await server.client(token).users.me();
    expect(me).toEqual(user);
    const circle = await server.client(token).circles.current();
    expect(circle).toMatchObject({ id: user.circleId, timezone: "Europe/Berlin", impersonationEnabled: true });
    expect(circle.inviteCode).toMatch(/^[A-Z0-9]{12}$/);
    const stored = await server.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  describe("from an invite link", () => {
    it("starts the account with a pending request to that circle and no circle of its own", async () => {
      const admin = await signUp(server);
      const circle = await admin.client.circles.current();
      const username = uniqueName("kid");
      const { token, user } = await server.client().auth.signup({
        username,
        email: `${username}@example.test`,
        password: "long enough password",
        inviteCode: ` ${circle.inviteCode!.toLowerCase()} `,
      });
      expect(user).toMatchObject({ username, circleId: null, role: null });
      const joiner = server.client(token);
      expect(await joiner.users.me()).toEqual(user);
      expect((await joiner.circles.joinRequests()).requests).toEqual([
        { circleId: circle.id, circleName: circle.name, requestedAt: expect.any(String) },
      ]);
      expect(await server.db.prisma.membership.findMany({ where: { userId: user.id } })).toEqual([
        expect.objectContaining({ circleId: circle.id, status: "pending", role: "member" }),
      ]);
      await expectApiError(joiner.chores.list(), 403, "forbidden");

      const { members } = await admin.client.circles.members();
      expect(members.find((m) => m.userId === user.id)).toMatchObject({ status: "pending" });
      const { events } = await admin.client.circles.audit({ action: "member.join_requested" });
      expect(events.map((e) => e.actorUserId)).toContain(user.id);

      await admin.client.circles.accept(user.id);
      expect(await joiner.users.me()).toMatchObject({ circleId: circle.id, role: "member" });
      // No circle of their own was ever made, so accepting left nothing empty behind.
      expect(await server.db.prisma.membership.count({ where: { userId: user.id } })).toBe(1);
    });

    it("creates nothing for an unknown invite code and names the field for a malformed one", async () => {
      const username = uniqueName("lost");
      const body = { username, email: `${username}@example.test`, password: "long enough password" };
      await expectApiError(server.client().auth.signup({ ...body, inviteCode: "NOSUCHCODE00" }), 404, "not_found");
      expect(await server.db.prisma.user.count({ where: { username } })).toBe(0);
      await expect(server.client().auth.signup({ ...body, inviteCode: "no!" })).rejects.toMatchObject({
        status: 400,
        details: { fields: { inviteCode: expect.any(String) } },
      });
      // The name is still free: nothing was half-created.
      expect((await server.client().auth.signup(body)).user).toMatchObject({ username, role: "admin" });
    });
  });

  it("names each invalid field", async () => {
    const response = await server.fetch("/auth/signup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "No Caps", email: "nope", password: "short", phone: "555", timezone: "Mars/Base", extra: 1 }),
    });
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.details!.fields!).sort()).toEqual(["email", "extra", "password", "phone", "timezone", "username"]);
  });

  it.each([
    ["username", (name: string) => ({ username: name, email: `other_${name}@example.test` })],
    ["email", (name: string) => ({ username: `x${name}`, email: `${name.toUpperCase()}@EXAMPLE.test` })],
  ])("refuses a taken %s (emails compared case-insensitively) with 409", async (field, make) => {
    const first = await signUp(server);
    const overrides = make(first.user.username);
    const attempt = server.client().auth.signup({ ...overrides, password: "long enough password" });
    await expect(attempt).rejects.toMatchObject({ status: 409, code: "conflict", details: { field } });
  });

  it("refuses a taken phone number", async () => {
    await signUp(server, { phone: "+14155550111" });
    await expect(signUp(server, { phone: "+14155550111" })).rejects.toMatchObject({ status: 409, details: { field: "phone" } });
  });
});

describe("malformed requests", () => {
  it("answers 400 malformed_json for broken JSON", async () => {
    const response = await server.fetch("/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe("malformed_json");
  });

  it("answers 413 past the body limit", async () => {
    const response = await server.fetch("/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ login: "x".repeat(200_000), password: "y" }),
    });
    expect(response.status).toBe(413);
    expect((await readError(response)).code).toBe("payload_too_large");
  });

  it("answers 415 for a body that is not JSON", async () => {
    const response = await server.fetch("/auth/login", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "hi" });
    expect(response.status).toBe(415);
  });

  it("answers 404 in the error shape for unknown endpoints", async () => {
    const response = await server.fetch("/nope");
    expect(response.status).toBe(404);
    expect((await readError(response)).code).toBe("not_found");
  });

  it("sends security and no-store headers", async () => {
    const response = await server.fetch("/health");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("POST /auth/login", () => {
  it("signs in by username or by email in any case", async () => {
    const sam = await signUp(server);
    const byName = await server.client().auth.login({ login: sam.user.username, password: sam.password });
    const byEmail = await server.client().auth.login({ login: sam.user.email.toUpperCase(), password: sam.password });
    expect(byName.user.id).toBe(sam.user.id);
    expect(byEmail.user.id).toBe(sam.user.id);
    expect(await server.client(byEmail.token).users.me()).toMatchObject({ id: sam.user.id });
  });

  it("stores usernames in lower case, signs in with them in any case, and treats Sam and sam as one name", async () => {
    const name = uniqueName("Mixed");
    const sam = await signUp(server, { username: `  ${name.toUpperCase()} `, email: `${name}@example.test` });
    expect(sam.user.username).toBe(name.toLowerCase());
    for (const login of [name.toUpperCase(), ` ${name} `, name.toLowerCase()]) {
      expect((await server.client().auth.login({ login, password: sam.password })).user.id).toBe(sam.user.id);
    }
    await expect(signUp(server, { username: name.toLowerCase(), email: `${name}.other@example.test` })).rejects.toMatchObject({
      status: 409,
      code: "conflict",
      details: { field: "username" },
    });
  });

  it("gives the same 401 for a wrong password and an unknown user", async () => {
    const sam = await signUp(server);
    await expectApiError(server.client().auth.login({ login: sam.user.username, password: "wrong password" }), 401, "invalid_credentials");
    await expectApiError(server.client().auth.login({ login: "nobody_here", password: "wrong password" }), 401, "invalid_credentials");
  });

  it("rate-limits repeated attempts", async () => {
    const limited = await startTestServer({ authRateLimitPerMinute: 3 });
    try {
      const attempts = [];
      for (let i = 0; i < 4; i += 1) {
        attempts.push(
          await limited
            .client()
            .auth.login({ login: "nobody", password: "wrong" })
            .catch((error) => error.status),
        );
      }
      expect(attempts).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it("shares one allowance between server processes on the same database", async () => {
    const first = await startTestServer({ authRateLimitPerMinute: 3 });
    // A second process: its own app and, on PostgreSQL, its own connection pool.
    const secondDb = first.databaseUrl ? await openDatabase({ databaseUrl: first.databaseUrl, poolSize: 2 }) : first.db;
    const second = await serveTestApp(
      { db: secondDb, dispose: async () => (secondDb === first.db ? undefined : secondDb.close()) },
      { authRateLimitPerMinute: 3 },
    );
    try {
      const joiner = await signUp(second); // the first of three sign-in attempts this minute
      const attempt = (target: TestServer) =>
        target
          .client()
          .auth.login({ login: "nobody", password: "wrong" })
          .catch((error) => error.status);
      const statuses = [await attempt(first), await attempt(second), await attempt(first), await attempt(second)];
      expect(statuses).toEqual([401, 401, 429, 429]);
      // Each limiter counts on its own: joining is still allowed.
      await expectApiError(joiner.client.circles.join({ inviteCode: "ZZZZZZZZZZZZ" }), 404, "not_found");
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe("tokens", () => {
  it("logout kills the session token at once", async () => {
    const sam = await signUp(server);
    await sam.client.auth.logout();
    await expectApiError(sam.client.users.me(), 401, "unauthenticated");
  });

  it("refuses missing, garbage, tampered, expired and alg:none tokens", async () => {
    const sam = await signUp(server);
    const [header, payload] = sam.token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "999" })).toString("base64url")}.${sam.token.split(".")[2]}`;
    const none = jwt.sign(claims, "", { algorithm: "none" });
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, server.config.jwtSecret, { algorithm: "HS256" });
    const otherKey = jwt.sign(claims, "x".repeat(40), { algorithm: "HS256" });
    const hs512 = jwt.sign(claims, server.config.jwtSecret, { algorithm: "HS512" });
    for (const token of [null, "garbage-token-value", tampered, none, expired, otherKey, hs512]) {
      await expectApiError(server.client(token).users.me(), 401, "unauthenticated");
    }
  });

  it("creates, lists, uses and revokes API tokens; the secret is shown once and stored hashed", async () => {
    const sam = await signUp(server);
    const created = await sam.client.users.createToken({ name: "wall tablet" });
    expect(created.token).toMatch(/^chorus_pat_/);
    const stored = await server.db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).not.toContain(created.token);
    expect(await server.client(created.token).users.me()).toMatchObject({ id: sam.user.id });
    const { tokens } = await sam.client.users.listTokens();
    expect(tokens).toEqual([expect.objectContaining({ id: created.id, name: "wall tablet" })]);
    expect(JSON.stringify(tokens)).not.toContain(created.token);
    await sam.client.users.revokeToken(created.id);
    await expectApiError(server.client(created.token).users.me(), 401, "unauthenticated");
    await expectApiError(sam.client.users.revokeToken(created.id), 404, "not_found");
  });

  it("does not let an API token create more tokens", async () => {
    const sam = await signUp(server);
    const { token } = await sam.client.users.createToken({ name: "script" });
    await expectApiError(server.client(token).users.createToken({ name: "child" }), 403, "forbidden");
    expect((await sam.client.users.listTokens()).tokens).toHaveLength(1);
  });

  it("does not let one user revoke another's token", async () => {
    const sam = await signUp(server);
    const alex = await signUp(server);
    const created = await sam.client.users.createToken({ name: "script" });
    await expectApiError(alex.client.users.revokeToken(created.id), 404, "not_found");
    expect(await server.client(created.token).users.me()).toMatchObject({ id: sam.user.id });
  });

  it("validates token names and ids", async () => {
    const sam = await signUp(server);
    await expectApiError(sam.client.users.createToken({ name: "   " }), 400, "validation_failed");
    const response = await server.fetch("/users/me/tokens/abc", { method: "DELETE", headers: { Authorization: `Bearer ${sam.token}` } });
    expect(response.status).toBe(400);
  });

  it("answers 401 on every signed-in endpoint without a token", async () => {
    for (const [method, path] of [
      ["POST", "/auth/logout"],
      ["GET", "/users/me"],
      ["POST", "/users/me/tokens"],
      ["GET", "/users/me/tokens"],
      ["DELETE", "/users/me/tokens/1"],
    ] as const) {
      const response = await server.fetch(path, { method });
      expect([method, path, response.status]).toEqual([method, path, 401]);
    }
  });
});
