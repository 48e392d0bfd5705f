import { createClient } from "@chorus/shared";
import { openDatabase } from "../db/database";
import { makeChore } from "../test/choreFactories";
import { createHousehold, expectApiError, signUp, type TestCircle } from "../test/factories";
import { createPostgresDatabase, serveTestApp, startTestServer, type TestServer } from "../test/harness";
import { openStream, settlesWithin, type OpenStream } from "../test/liveEvents";

let server: TestServer;
let home: TestCircle;
const streams: OpenStream[] = [];
const watch = async (...args: Parameters<typeof openStream>) => {
  const stream = await openStream(...args);
  streams.push(stream);
  return stream;
};

beforeAll(async () => {
  // A short beat, so re-checking the caller is observable within a test.
  server = await startTestServer({ liveHeartbeatMs: 300 });
  home = await createHousehold(server);
});
afterEach(() => {
  for (const stream of streams.splice(0)) stream.stop();
});
afterAll(() => server.close());

describe("GET /events", () => {
  it("answers 401 without a token, like every request", async () => {
    await expectApiError(server.client().events.stream({ onEvent: () => {} }), 401, "unauthenticated");
  });

  it("streams text/event-stream, never cached, with keep-alive comments", async () => {
    const response = await server.fetch("/events", { headers: { Authorization: `Bearer ${home.member.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes(": heartbeat\n\n")) text += (await reader.read()).value ?? "";
    expect(text.startsWith(": connected\n\n")).toBe(true);
    await reader.cancel();
  });

  it("tells every member of the circle when chores or members change, after the write", async () => {
    const member = await watch(home.member.client);
    const manager = await watch(home.manager.client);
    const chore = await makeChore(home.admin.client, { assignees: [home.member.user.id] });
    expect(await member.next()).toEqual({ type: "chores" });
    expect(await manager.next()).toEqual({ type: "chores" });
    // The hint arrives after the commit: reading now sees the change.
    expect((await home.member.client.chores.list()).chores.map((listed) => listed.id)).toContain(chore.id);

    await home.member.client.chores.do(chore.id);
    expect(await manager.next()).toEqual({ type: "chores" });
    expect(await member.next()).toEqual({ type: "chores" });
    await home.admin.client.circles.setImpersonator(home.manager.user.id, { impersonator: true });
    expect(await member.next()).toEqual({ type: "members" });
    await home.admin.client.circles.update({ name: "Renamed home" });
    expect(await member.next()).toEqual({ type: "circle" });
  });

  it("tells admins about join requests and withdrawals", async () => {
    const admin = await watch(home.admin.client);
    const joiner = await signUp(server);
    const { circleId } = await joiner.client.circles.join({ inviteCode: (await home.admin.client.circles.current()).inviteCode! });
    expect(await admin.next()).toEqual({ type: "members" });
    await joiner.client.circles.withdrawJoinRequest(circleId);
    expect(await admin.next()).toEqual({ type: "members" });
  });

  it("sends nothing about other circles", async () => {
    const outsider = await signUp(server);
    const stream = await watch(outsider.client);
    await makeChore(home.admin.client);
    await home.admin.client.circles.setRole(home.member.user.id, { role: "member" });
    await home.admin.client.circles.update({ name: "Home again" });
    // A change in the outsider's own circle comes through, and is all that came.
    await makeChore(outsider.client);
    expect(await stream.next()).toEqual({ type: "chores" });
    expect(stream.events).toEqual([{ type: "chores" }]);
  });

  it("announces nothing for a write that was refused and rolled back", async () => {
    const lone = await signUp(server);
    const stream = await watch(lone.client);
    await expectApiError(lone.client.circles.setRole(lone.user.id, { role: "member" }), 409, "last_admin");
    await makeChore(lone.client);
    expect(await stream.next()).toEqual({ type: "chores" });
    expect(stream.events).toEqual([{ type: "chores" }]);
  });

  it("moves an accepted member: their stream says so and ends, to be reopened in the new circle", async () => {
    const joiner = await signUp(server);
    const before = await watch(joiner.client);
    const admin = await watch(home.admin.client);
    await joiner.client.circles.join({ inviteCode: (await home.admin.client.circles.current()).inviteCode! });
    expect(await admin.next()).toEqual({ type: "members" });
    await home.admin.client.circles.accept(joiner.user.id);
    expect(await before.next()).toEqual({ type: "circle" });
    expect(await settlesWithin(before.ended, 2_000)).toBe(true);
    expect(await admin.next()).toEqual({ type: "members" });

    const after = await watch(joiner.client);
    await makeChore(home.admin.client);
    expect(await after.next()).toEqual({ type: "chores" });

    await home.admin.client.circles.removeMember(joiner.user.id);
    expect(await after.next()).toEqual({ type: "circle" });
    expect(await settlesWithin(after.ended, 2_000)).toBe(true);
  });

  it("ends a stream within a beat once its session is signed out", async () => {
    const person = await signUp(server);
    const client = server.client((await server.client().auth.login({ login: person.user.username, password: person.password })).token);
    const stream = await watch(client);
    await client.auth.logout();
    expect(await settlesWithin(stream.ended, 2_000)).toBe(true);
    await expectApiError(client.events.stream({ onEvent: () => {} }), 401, "unauthenticated");
  });

  it("may be opened while viewing as a member, who is re-checked at every beat", async () => {
    const household = await createHousehold(server);
    const viewer = server.client(household.admin.token);
    viewer.setImpersonateUserId(household.member.user.id);
    const stream = await watch(viewer);
    // Opening the stream with the header started the impersonation session, whose hint may reach the stream itself.
    const nextChange = async () => {
      const event = await stream.next();
      return "type" in event && event.type === "impersonation_sessions" ? stream.next() : event;
    };
    await makeChore(household.manager.client);
    expect(await nextChange()).toEqual({ type: "chores" });
    // Impersonation switched off: the stream ends, and reopening it is refused.
    await household.admin.client.circles.setImpersonator(household.admin.user.id, { impersonator: false });
    expect(await nextChange()).toEqual({ type: "members" });
    expect(await settlesWithin(stream.ended, 2_000)).toBe(true);
    await expectApiError(viewer.events.stream({ onEvent: () => {} }), 403, "impersonation_forbidden");
  });

  it("ends open streams when the server shuts its hub down", async () => {
    const other = await startTestServer();
    try {
      const person = await signUp(other);
      const stream = await openStream(person.client);
      await other.deps.live.close();
      expect(await settlesWithin(stream.ended, 2_000)).toBe(true);
    } finally {
      await other.close();
    }
  });
});

const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onPostgres("GET /events across server processes (PostgreSQL)", () => {
  it("delivers a change made through one process to a stream opened on another", async () => {
    const pg = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
    const dbA = await openDatabase({ databaseUrl: pg.url, poolSize: 2 });
    await dbA.migrate();
    const dbB = await openDatabase({ databaseUrl: pg.url, poolSize: 2 });
    const secret = "a-secret-both-processes-share-0123456789";
    const a = await serveTestApp({ db: dbA, url: pg.url, dispose: () => dbA.close() }, { jwtSecret: secret });
    const b = await serveTestApp(
      {
        db: dbB,
        url: pg.url,
        dispose: async () => {
          await dbB.close();
          await pg.drop();
        },
      },
      { jwtSecret: secret },
    );
    try {
      const household = await createHousehold(a);
      const outsider = await signUp(a);
      const onB = await openStream(createClient({ baseUrl: b.baseUrl, token: household.member.token }));
      const outsiderOnB = await openStream(createClient({ baseUrl: b.baseUrl, token: outsider.token }));
      await household.admin.client.circles.setRole(household.member.user.id, { role: "manager" });
      expect(await onB.next()).toEqual({ type: "members" });
      await makeChore(household.admin.client);
      expect(await onB.next()).toEqual({ type: "chores" });
      await makeChore(outsider.client);
      expect(await outsiderOnB.next()).toEqual({ type: "chores" });
      expect(outsiderOnB.events).toEqual([{ type: "chores" }]);
      onB.stop();
      outsiderOnB.stop();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("listens again when the database drops the listening connection, ending streams that may have missed a change", async () => {
    const stream = await watch(home.member.client);
    const [listener] = await server.db.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`;
    await server.db.prisma.$queryRaw`SELECT pg_terminate_backend(${listener!.pid}::int)::text`;
    expect(await settlesWithin(stream.ended, 5_000)).toBe(true);
    const reopened = await watch(home.member.client);
    await makeChore(home.admin.client);
    expect(await reopened.next()).toEqual({ type: "chores" });
  });
});
