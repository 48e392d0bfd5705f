/**
 * `pnpm bench:scale-out`: what 1, 2 and 4 server processes on one PostgreSQL
 * (BENCH_DATABASE_URL; a scratch database is made on it) serve. Four built servers are
 * started on the same database; each round drives the first N of them at once with
 * autocannon, the same total number of connections split evenly, N = 1, 2, 4 in
 * alternating rounds:
 *   read  — GET /chores, 50 chores in the circle
 *   write — POST /chores (one transaction: the chore, its assignee, an audit event, a change hint)
 * It prints total requests/s, p50 latency, and the ratio to one process. Correctness
 * across processes (one completion, hints everywhere) is tested in src/scaleOut.test.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createClient } from "@chorus/shared";
import { startBuiltServer, type BuiltServer } from "../src/test/builtServer";
import { createPostgresDatabase } from "../src/test/harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 12);
const PROCESS_COUNTS = [1, 2, 4];
const CHORES = 50;

interface Workload {
  label: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** N autocannon runs at once, one per process, CONNECTIONS split between them. */
async function drive(servers: BuiltServer[], token: string, workload: Workload): Promise<{ rps: number; p50: number }> {
  const results = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: `${server.baseUrl}/api/v1${workload.path}`,
        method: workload.method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        ...(workload.body ? { body: workload.body } : {}),
        connections: CONNECTIONS / servers.length,
        duration: SECONDS,
      }),
    ),
  );
  for (const result of results) {
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${workload.label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  // The p50 over all requests, approximated by each run's p50 weighted by its share.
  const p50 = results.reduce((sum, result) => sum + result.latency.p50 * result.requests.total, 0) / total;
  return { rps: total / SECONDS, p50 };
}

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error("Set BENCH_DATABASE_URL=postgresql://… (a server where a scratch database may be created)");
  const scratch = await createPostgresDatabase(adminUrl, { prefix: "chorus_scale_out" });
  const dataDirs = Array.from({ length: Math.max(...PROCESS_COUNTS) }, () => mkdtempSync(path.join(tmpdir(), "chorus-scale-out-")));
  const servers: BuiltServer[] = [];
  try {
    const env = {
      DATABASE_URL: scratch.url,
      // One secret for all: a token signed by one process is valid on every other.
      JWT_SECRET: "b".repeat(40),
      DATABASE_POOL_SIZE: "5",
      LOG_LEVEL: "error",
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      REMINDER_INTERVAL_SECONDS: "0",
    };
    // The first one migrates the empty database; the others find it migrated.
    servers.push(await startBuiltServer(dataDirs[0]!, env));
    servers.push(...(await Promise.all(dataDirs.slice(1).map((dir) => startBuiltServer(dir, env)))));

    const { token } = await createClient({ baseUrl: servers[0]!.baseUrl }).auth.signup({
      username: "scale_out_admin",
      email: "scale_out@bench.test",
      password: "benchmark password",
    });
    const client = createClient({ baseUrl: servers[0]!.baseUrl, token });
    for (let i = 0; i < CHORES; i += 1) {
      await client.chores.create({ name: `Chore ${i + 1}`, frequency: { type: "daily" }, labels: ["bench"], points: i % 5 });
    }
    const workloads: Workload[] = [
      { label: "read: GET /chores (50 chores)", method: "GET", path: "/chores" },
      {
        label: "write: POST /chores",
        method: "POST",
        path: "/chores",
        body: JSON.stringify({ name: "Benchmark chore", frequency: { type: "weekly", weekdays: [1] } }),
      },
    ];
    for (const workload of workloads) {
      await drive(servers, token, workload); // warm-up, every process
      const runs = new Map<number, { rps: number; p50: number }[]>(PROCESS_COUNTS.map((count) => [count, []]));
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const count of PROCESS_COUNTS) runs.get(count)!.push(await drive(servers.slice(0, count), token, workload));
      }
      console.log(`\n${workload.label}: ${CONNECTIONS} connections in all, median of ${ROUNDS} alternating rounds of ${SECONDS} s`);
      const one = median(runs.get(1)!.map((run) => run.rps));
      for (const count of PROCESS_COUNTS) {
        const rps = median(runs.get(count)!.map((run) => run.rps));
        const p50 = median(runs.get(count)!.map((run) => run.p50));
        console.log(
          `  ${count} process${count === 1 ? "  " : "es"}  ${rps.toFixed(0).padStart(6)} req/s   ` +
            `p50 ${p50.toFixed(1).padStart(6)} ms   ×${(rps / one).toFixed(2)}`,
        );
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
