/**
 * Repeatable actions cannot write rows without bound: refused impersonation attempts are
 * recorded once per actor and reason a minute (every attempt still gets its 403), and
 * timer starts and pauses are limited per person (429 with Retry-After). Both checks are
 * in the database, so they hold across server processes — shown here with two servers on
 * one PostgreSQL database.
 */
import { createApp } from "../app";
import { openDatabase } from "../db/database";
import { createLogger } from "../logger";
import { createLiveHub } from "../realtime/hub";
import { createImpersonationNotices } from "../reminders/impersonationNotices";
import { DENIAL_COALESCE_MS } from "../acting/refusals";
import { TIMER_ACTIONS_PER_MINUTE } from "../services/rateLimits";
import { makeChore } from "../test/choreFactories";
import { createHousehold, expectApiError } from "../test/factories";
import { startTestServer, testConfig, type TestServer } from "../test/harness";
import { rawGet } from "../test/rawHttp";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const denials = (actorUserId: number) =>
  server.db.prisma.auditEvent.findMany({ where: { actorUserId, action: "impersonation.denied" }, orderBy: { id: "asc" } });

describe("refused impersonation attempts", () => {
  it("answers every attempt with 403 but records one row per actor and reason a minute", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const acting = server.client(member.token);
    acting.setImpersonateUserId(manager.user.id);
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, () => acting.users.me()));
    expect(attempts.map((attempt) => (attempt.status === "rejected" ? (attempt.reason as { status: number }).status : 200))).toEqual(
      Array(12).fill(403),
    );
    for (let i = 0; i < 5; i += 1) await expectApiError(acting.chores.list(), 403, "impersonation_forbidden");
    expect(await denials(member.user.id)).toHaveLength(1);

    // A different reason is a different row; so is another actor.
    await rawGet(server.baseUrl, "/users/me", [
      Buffer.from(`Authorization: Bearer ${member.token}`),
      Buffer.from("X-Impersonate-User-ID: 007"),
    ]);
    await rawGet(server.baseUrl, "/users/me", [
      Buffer.from(`Authorization: Bearer ${member.token}`),
      Buffer.from("X-Impersonate-User-ID: 007"),
    ]);
    const asManager = server.client(manager.token);
    asManager.setImpersonateUserId(admin.user.id);
    await expectApiError(asManager.users.me(), 403, "impersonation_target_not_allowed");
    await expectApiError(asManager.users.me(), 403, "impersonation_target_not_allowed");
    expect((await denials(member.user.id)).map((event) => event.payload)).toEqual([
      expect.objectContaining({ reason: "impersonation_forbidden" }),
      expect.objectContaining({ reason: "invalid_impersonation_header" }),
    ]);
    expect(await denials(manager.user.id)).toHaveLength(1);
  });

  it("records the next refusal once the minute has passed", async () => {
    const { manager, admin } = await createHousehold(server);
    const acting = server.client(manager.token);
    acting.setImpersonateUserId(admin.user.id);
    await expectApiError(acting.users.me(), 403, "impersonation_target_not_allowed");
    // The audit log is append-only: lift its trigger for a moment to age the row by a minute.
    const [first] = await denials(manager.user.id);
    await server.db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    try {
      await server.db.prisma.auditEvent.update({
        where: { id: first!.id },
        data: { createdAt: new Date(Date.now() - DENIAL_COALESCE_MS - 1000) },
      });
    } finally {
      await server.db.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    }
    await expectApiError(acting.users.me(), 403, "impersonation_target_not_allowed");
    expect(await denials(manager.user.id)).toHaveLength(2);
  });

  it("coalesces refusals of a request the target's permissions refuse while impersonating", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const others = await makeChore(admin.client, { assignees: [manager.user.id] });
    const acting = server.client(admin.token);
    acting.setImpersonateUserId(member.user.id);
    for (let i = 0; i < 4; i += 1) await expectApiError(acting.chores.do(others.id), 403, "forbidden");
    expect(await denials(admin.user.id)).toEqual([
      expect.objectContaining({
        subjectUserId: member.user.id,
        payload: expect.objectContaining({ reason: "forbidden", impersonatedUserId: member.user.id }),
      }),
    ]);
  });
});

describe("timer starts and pauses", () => {
  it(`allows ${TIMER_ACTIONS_PER_MINUTE} a minute per person, then 429 rate_limited with Retry-After, writing nothing`, async () => {
    const { admin, member } = await createHousehold(server);
    const chore = await makeChore(admin.client, { assignees: [member.user.id, admin.user.id] });
    for (let i = 0; i < TIMER_ACTIONS_PER_MINUTE / 2; i += 1) {
      await member.client.chores.start(chore.id);
      await member.client.chores.pause(chore.id);
    }
    const refused = await server.fetch(`/chores/${chore.id}/start`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${member.token}` },
    });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({
      error: { code: "rate_limited", message: expect.stringContaining("timer"), details: { retryAfterSeconds: retryAfter } },
    });
    // Per person, across chores: another chore is refused too; someone else is not.
    const another = await makeChore(admin.client, { assignees: [member.user.id] });
    await expectApiError(member.client.chores.start(another.id), 429, "rate_limited");
    expect((await admin.client.chores.start(chore.id)).status).toBe("in_progress");
    const { history } = await admin.client.chores.history(chore.id, { limit: "200" });
    expect(history.filter((entry) => entry.updatedBy === member.user.id)).toHaveLength(TIMER_ACTIONS_PER_MINUTE);
  });

  it("counts what an impersonating manager does against the manager, not the member", async () => {
    const { admin, manager, member } = await createHousehold(server);
    const chore = await makeChore(admin.client, { assignees: [member.user.id] });
    const acting = server.client(manager.token);
    acting.setImpersonateUserId(member.user.id);
    for (let i = 0; i < TIMER_ACTIONS_PER_MINUTE / 2; i += 1) {
      await acting.chores.start(chore.id);
      await acting.chores.pause(chore.id);
    }
    await expectApiError(acting.chores.start(chore.id), 429, "rate_limited");
    expect((await member.client.chores.start(chore.id)).status).toBe("in_progress");
  });

  it("frees a slot once the oldest action in the window is a minute old", async () => {
    const { admin } = await createHousehold(server);
    const chore = await makeChore(admin.client);
    for (let i = 0; i < TIMER_ACTIONS_PER_MINUTE / 2; i += 1) {
      await admin.client.chores.start(chore.id);
      await admin.client.chores.pause(chore.id);
    }
    await expectApiError(admin.client.chores.start(chore.id), 429, "rate_limited");
    const oldest = await server.db.prisma.choreHistory.findFirstOrThrow({ where: { choreId: chore.id }, orderBy: { id: "asc" } });
    await server.db.prisma.choreHistory.update({ where: { id: oldest.id }, data: { createdAt: new Date(Date.now() - 61_000) } });
    expect((await admin.client.chores.start(chore.id)).status).toBe("in_progress");
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;
(postgresUrl ? describe : describe.skip)("across two server processes on one PostgreSQL database", () => {
  it("shares both limits", async () => {
    // A second app on the same database: what another process behind the load balancer would be.
    const url = new URL(postgresUrl!);
    const [{ name }] = await server.db.prisma.$queryRaw<[{ name: string }]>`SELECT current_database()::text AS name`;
    url.pathname = `/${name}`;
    const otherDb = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    const config = { ...testConfig(), jwtSecret: server.config.jwtSecret };
    const logger = createLogger("silent");
    const notices = createImpersonationNotices({ db: otherDb, config, logger });
    const other = createApp({ config, db: otherDb, logger, live: createLiveHub(otherDb, logger, config), notices }).listen(0, "127.0.0.1");
    await new Promise((resolve) => other.once("listening", resolve));
    try {
      const { port } = other.address() as { port: number };
      const otherUrl = `http://127.0.0.1:${port}/api/v1`;
      const { admin, manager, member } = await createHousehold(server);
      const chore = await makeChore(admin.client, { assignees: [member.user.id] });
      const timer = (base: string, action: "start" | "pause") =>
        fetch(`${base}/chores/${chore.id}/${action}`, { method: "PUT", headers: { Authorization: `Bearer ${member.token}` } });
      for (let i = 0; i < TIMER_ACTIONS_PER_MINUTE / 2; i += 1) {
        expect((await timer(`${server.baseUrl}/api/v1`, "start")).status).toBe(200);
        expect((await timer(otherUrl, "pause")).status).toBe(200);
      }
      expect((await timer(otherUrl, "start")).status).toBe(429);

      const headers = { Authorization: `Bearer ${manager.token}`, "X-Impersonate-User-ID": String(admin.user.id) };
      const attempts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => fetch(`${i % 2 ? otherUrl : `${server.baseUrl}/api/v1`}/users/me`, { headers })),
      );
      expect(attempts.map((response) => response.status)).toEqual(Array(10).fill(403));
      expect(await denials(manager.user.id)).toHaveLength(1);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
      await otherDb.close();
    }
  });
});
