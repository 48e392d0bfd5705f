import { createClient } from "@chorus/shared";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildServer, runChorus, type ChorusProcess } from "../test/builtServer";
import { createPostgresDatabase } from "../test/harness";
import { startTcpProxy, type TcpProxy } from "../test/tcpProxy";

// An outage of a database server: PostgreSQL only (the embedded PGlite cannot go away).
const adminUrl = process.env.TEST_DATABASE_URL;
const describePostgres = adminUrl ? describe : describe.skip;

describePostgres("a PostgreSQL outage, through a proxy the test cuts", () => {
  let build: ReturnType<typeof buildServer>;
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let proxy: TcpProxy;
  let dataDir: string;
  let chorus: ChorusProcess | undefined;

  beforeAll(async () => {
    build = buildServer();
    pg = await createPostgresDatabase(adminUrl!);
    dataDir = mkdtempSync(path.join(tmpdir(), "chorus-outage-"));
  });
  afterEach(async () => {
    await chorus?.kill();
    await proxy?.close();
  });
  afterAll(async () => {
    build.remove();
    rmSync(dataDir, { recursive: true, force: true });
    await pg.drop();
  });

  // Reminder ticks every second, so background work also meets the outage; at debug level a skipped tick is logged.
  const start = (url: string) =>
    runChorus(build.mainJs, {
      DATA_DIR: dataDir,
      DATABASE_URL: url,
      JWT_SECRET: "s".repeat(40),
      REMINDER_INTERVAL_SECONDS: "1",
      LOG_LEVEL: "debug",
    });
  const logLines = (pattern: RegExp) =>
    chorus!
      .output()
      .split("\n")
      .filter((line) => pattern.test(line));

  it("answers 503 database_unavailable with Retry-After while cut, logs the outage once, and recovers", async () => {
    proxy = await startTcpProxy(pg.url);
    chorus = await start(proxy.url);
    await chorus.healthy();
    const { token } = await createClient({ baseUrl: chorus.baseUrl }).auth.signup({
      username: "outage",
      email: "outage@example.com",
      password: "correct horse battery",
    });
    const api = (pathname: string, init: Omit<RequestInit, "headers"> & { headers?: Record<string, string> } = {}) =>
      fetch(`${chorus!.baseUrl}/api/v1${pathname}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...init.headers },
      });
    expect((await api("/chores")).status).toBe(200); // the pool now holds connections the cut will break
    // An open event stream keeps the LISTEN connection up, so the cut breaks that one too.
    const events = new AbortController();
    const stream = await api("/events", { signal: events.signal });
    expect(stream.status).toBe(200);
    await stream.body!.getReader().read();

    await proxy.cut();
    const during = [
      await api("/health"),
      await api("/users/me"),
      await api("/chores"),
      await api("/chores", { method: "POST", body: JSON.stringify({ name: "Water plants", frequency: { type: "daily" } }) }),
      await api("/health"),
    ];
    for (const response of during) {
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({
        error: { code: "database_unavailable", message: expect.stringContaining("database") },
      });
    }

    // Background work meets the outage too: a reminder tick and a LISTEN reconnect attempt fail meanwhile.
    await chorus.printed(/reminder tick skipped/);
    await chorus.printed(/live updates: could not listen/);
    await proxy.restore();
    expect((await api("/health")).status).toBe(200);
    const me = await api("/users/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: "outage" });

    await chorus.printed(/Database available again/);
    await chorus.printed(/live updates: listening again/);
    events.abort();
    expect(logLines(/Database unavailable/)).toHaveLength(1);
    expect(logLines(/Database available again/)).toHaveLength(1);
    expect(logLines(/live updates: listening connection lost/)).toHaveLength(1);
    expect(logLines(/live updates: could not listen/).length).toBeLessThanOrEqual(1);
    // No stack per request or per background attempt: not errorHandler's "unhandled error",
    // nor the request log's, the reminder scheduler's or the LISTEN connection's.
    expect(chorus.output()).not.toMatch(/unhandled error|"stack"/);
  }, 90_000);

  it("starts while the database is down, retrying with one line per attempt, and serves once it is up", async () => {
    proxy = await startTcpProxy(pg.url, { up: false });
    chorus = await start(proxy.url);
    await chorus.printed(/Database not reachable .*attempt 2/);
    expect(chorus.child.exitCode).toBeNull();
    expect(logLines(/Database not reachable/).length).toBeGreaterThanOrEqual(2);
    expect(chorus.output()).not.toMatch(/"stack"/);

    await proxy.restore();
    await chorus.healthy();
    expect(logLines(/database ready/)).toHaveLength(1);
  }, 90_000);
});
