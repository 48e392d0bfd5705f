import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@chorus/shared";
import { Client } from "pg";
import { buildServer, freePort, runChorus, type ChorusProcess } from "../test/builtServer";

// PostgreSQL crashing under write load: PostgreSQL only (PGlite runs inside the server).
// The test runs its own PostgreSQL, since it crashes it, as the postgres user (tests run as
// root, as in CI; PostgreSQL refuses to run as root).
const describePostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

const RESTARTS = 5;
/** Longest a restart may leave the API failing once PostgreSQL accepts connections again. */
const RECOVERY_BOUND_MS = 5_000;
const WRITERS = 8;
/** Below the writers, so that before the fix the broken transactions used up every connection. */
const POOL_SIZE = 6;

interface Outcome {
  startedAt: number;
  status: number | "network error";
}

describePostgres("PostgreSQL restarted with -m immediate under write load", () => {
  let root: string;
  let pgUrl: string;
  let build: ReturnType<typeof buildServer>;
  let chorus: ChorusProcess | undefined;
  const pgCtl = (...args: string[]) =>
    execFileSync("runuser", ["-u", "postgres", "--", "pg_ctl", "-D", path.join(root, "data"), "-l", path.join(root, "log"), ...args], {
      stdio: "pipe",
    });

  beforeAll(async () => {
    build = buildServer();
    root = mkdtempSync(path.join(tmpdir(), "chorus-pg-crash-"));
    chownSync(root, Number(execFileSync("id", ["-u", "postgres"]).toString()), 0);
    const port = await freePort();
    execFileSync("runuser", ["-u", "postgres", "--", "initdb", "-D", path.join(root, "data"), "-U", "postgres", "--auth=trust"], {
      stdio: "pipe",
    });
    pgCtl("-w", "-o", `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`, "start");
    pgUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  }, 120_000);
  afterAll(async () => {
    await chorus?.kill();
    try {
      pgCtl("-m", "immediate", "stop");
    } finally {
      rmSync(root, { recursive: true, force: true });
      build.remove();
    }
  });

  it(`recovers within ${RECOVERY_BOUND_MS / 1000} s every time and loses no acknowledged write`, async () => {
    chorus = await runChorus(build.mainJs, {
      DATA_DIR: root,
      DATABASE_URL: pgUrl,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      JWT_SECRET: "s".repeat(40),
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    });
    await chorus.healthy();
    const baseUrl = chorus.baseUrl;
    const tokens = await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const { token } = await createClient({ baseUrl }).auth.signup({
          username: `writer${writer}`,
          email: `writer${writer}@example.test`,
          password: "correct horse battery",
        });
        return token;
      }),
    );

    const outcomes: Outcome[] = [];
    const createdChores = new Set<number>();
    const completedChores = new Set<number>();
    const request = async (token: string, pathname: string, body: unknown): Promise<{ status: number; id?: number }> => {
      const startedAt = Date.now();
      try {
        const response = await fetch(`${baseUrl}/api/v1${pathname}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        outcomes.push({ startedAt, status: response.status });
        const json = (await response.json()) as { id?: number };
        return { status: response.status, ...(response.ok ? { id: json.id } : {}) };
      } catch {
        outcomes.push({ startedAt, status: "network error" });
        return { status: 0 };
      }
    };

    // Each writer creates a chore that is overdue and completes it, over and over: two
    // transactions per round, so a crash always finds some in flight.
    let writing = true;
    const writers = tokens.map(async (token, writer) => {
      // oxlint-disable-next-line eslint/no-unmodified-loop-condition -- the test body clears it while these run
      for (let round = 0; writing; round += 1) {
        const created = await request(token, "/chores", {
          name: `Chore ${writer}-${round}`,
          frequency: { type: "daily" },
          nextDueDate: "2024-01-01T09:00:00.000Z",
        });
        if (created.status !== 201) continue;
        createdChores.add(created.id!);
        const done = await request(token, `/chores/${created.id}/do`, {});
        if (done.status === 200) completedChores.add(created.id!);
      }
    });

    const healthy = async () => {
      try {
        return (await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(RECOVERY_BOUND_MS) })).status === 200;
      } catch {
        return false;
      }
    };
    const recoveries: number[] = [];
    try {
      for (let restart = 0; restart < RESTARTS; restart += 1) {
        // Let the load reach its stride: every writer has a transaction in flight.
        const before = outcomes.length;
        while (outcomes.length < before + 2 * WRITERS) await new Promise((resolve) => setImmediate(resolve));
        // -w: returns once PostgreSQL accepts connections again.
        pgCtl("-m", "immediate", "-w", "restart");
        const upAt = Date.now();
        while (!(await healthy()) && Date.now() - upAt < 3 * RECOVERY_BOUND_MS) await new Promise((resolve) => setTimeout(resolve, 50));
        const recoveredAt = Date.now();
        recoveries.push(recoveredAt - upAt);
        // Recovered for good: the writers' requests that start from now on succeed.
        const settled = outcomes.length;
        while (outcomes.length < settled + 4 * WRITERS) await new Promise((resolve) => setImmediate(resolve));
        expect(outcomes.filter((outcome) => outcome.startedAt >= recoveredAt && outcome.status !== 200 && outcome.status !== 201)).toEqual(
          [],
        );
      }
    } finally {
      writing = false;
      await Promise.all(writers);
    }
    console.log(`recovery after each restart (ms): ${recoveries.join(", ")}`);
    expect(recoveries.every((ms) => ms <= RECOVERY_BOUND_MS)).toBe(true);

    // Every acknowledged write is in the database.
    const check = new Client({ connectionString: pgUrl });
    await check.connect();
    try {
      const created = await check.query<{ id: number }>('SELECT id FROM "Chore" WHERE id = ANY($1::int[])', [[...createdChores]]);
      expect(created.rows.map((row) => row.id).sort((a, b) => a - b)).toEqual([...createdChores].sort((a, b) => a - b));
      const completed = await check.query<{ choreId: number }>(
        `SELECT DISTINCT "choreId" FROM "ChoreHistory" WHERE action = 'completed' AND "choreId" = ANY($1::int[])`,
        [[...completedChores]],
      );
      expect(completed.rows.map((row) => row.choreId).sort((a, b) => a - b)).toEqual([...completedChores].sort((a, b) => a - b));
    } finally {
      await check.end();
    }
    expect(createdChores.size).toBeGreaterThan(RESTARTS * WRITERS);
    expect(completedChores.size).toBeGreaterThan(RESTARTS * WRITERS);
  }, 90_000);
});
