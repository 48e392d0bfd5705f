/**
 * `pnpm bench:writes`: chore writes under 20 concurrent writers, embedded PGlite against
 * PostgreSQL (BENCH_DATABASE_URL; a scratch database is created and dropped). Each writer
 * taps Done on a chore of its own and then Undo, again and again (POST /chores/:id/do,
 * POST /chores/:id/undo — a pair that can repeat for ever), for BENCH_SECONDS per round;
 * rounds alternate between the servers. Prints the median (p50) and p90 latency of `do`
 * and of all writes (undo included), writes per second and SQL statements per `do`.
 * Target (issue 15.2, measured on `do`): PostgreSQL's p50 at most PGlite's. BENCH_BASELINE=<another build's main.js> adds that build on
 * both databases to the same alternation.
 */
import { createClient } from "@chorus/shared";
import { ROUNDS, SECONDS, newDataDir, removeDir, scratchDatabase, seedCircle, startChorus, type Running } from "./common";

const WRITERS = Number(process.env.BENCH_WRITERS ?? 20);
const CHORES = WRITERS;
const BASELINE = process.env.BENCH_BASELINE;

interface Server {
  label: string;
  running: Running;
  token: string;
  choreIds: number[];
  cleanup(): Promise<void>;
}

async function start(label: string, databaseUrl: string | undefined, mainJs?: string): Promise<Server> {
  const dataDir = newDataDir();
  const scratch = databaseUrl ? await scratchDatabase(databaseUrl) : null;
  const running = await startChorus({ DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? "", CHORUS_EXPOSE_SQL_COUNT: "true" }, mainJs);
  const seeded = await seedCircle(running.baseUrl, CHORES);
  // Due long ago, so each chore's current occurrence can be done at once.
  const admin = createClient({ baseUrl: running.baseUrl, token: seeded.adminToken });
  for (const id of seeded.choreIds) await admin.chores.update(id, { nextDueDate: "2024-01-01T08:00:00.000Z" });
  return {
    label,
    running,
    token: seeded.adminToken,
    choreIds: seeded.choreIds,
    cleanup: async () => {
      await running.stop();
      removeDir(dataDir);
      await scratch?.drop();
    },
  };
}

interface Sample {
  doMs: number[];
  undoMs: number[];
  statementsPerDo: number;
}

async function write(server: Server, path: string): Promise<{ ms: number; statements: number }> {
  const started = performance.now();
  const response = await fetch(`${server.running.baseUrl}/api/v1${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" },
    body: "{}",
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${server.label}: POST ${path} answered ${response.status}`);
  return { ms: performance.now() - started, statements: Number(response.headers.get("x-sql-statements")) };
}

/** WRITERS writers, each doing and undoing its own chore until SECONDS have passed. */
async function round(server: Server): Promise<Sample> {
  const sample: Sample = { doMs: [], undoMs: [], statementsPerDo: 0 };
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    server.choreIds.slice(0, WRITERS).map(async (id) => {
      while (performance.now() < until) {
        const done = await write(server, `/chores/${id}/do`);
        sample.doMs.push(done.ms);
        sample.statementsPerDo = done.statements;
        sample.undoMs.push((await write(server, `/chores/${id}/undo`)).ms);
      }
    }),
  );
  return sample;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function main() {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (!pgUrl) throw new Error("Set BENCH_DATABASE_URL=postgresql://… (a scratch database is created there and dropped)");
  const servers: Server[] = [];
  try {
    servers.push(await start("PGlite", undefined), await start("PostgreSQL", pgUrl));
    if (BASELINE)
      servers.push(
        await start("PGlite (BENCH_BASELINE)", undefined, BASELINE),
        await start("PostgreSQL (BENCH_BASELINE)", pgUrl, BASELINE),
      );
    for (const server of servers) await round(server); // warm-up
    const rounds = servers.map(() => [] as Sample[]);
    for (let r = 0; r < ROUNDS; r += 1) {
      for (const [index, server] of servers.entries()) rounds[index]!.push(await round(server));
    }
    console.log(`\nPOST /chores/:id/do then /undo, ${WRITERS} concurrent writers, ${ROUNDS}×${SECONDS}s each, alternating`);
    const doP50s: number[] = [];
    for (const [index, server] of servers.entries()) {
      const samples = rounds[index]!;
      const doMs = samples.flatMap((s) => s.doMs);
      const all = samples.flatMap((s) => [...s.doMs, ...s.undoMs]);
      const p50 = percentile(all, 0.5);
      doP50s.push(percentile(doMs, 0.5));
      console.log(
        `  ${server.label.padEnd(28)} do p50 ${percentile(doMs, 0.5).toFixed(0).padStart(5)} ms  ` +
          `p90 ${percentile(doMs, 0.9).toFixed(0).padStart(5)} ms   ` +
          `all writes p50 ${p50.toFixed(0).padStart(5)} ms  p90 ${percentile(all, 0.9).toFixed(0).padStart(5)} ms   ` +
          `${(all.length / (ROUNDS * SECONDS)).toFixed(0).padStart(4)} writes/s   ${samples[0]!.statementsPerDo} SQL/do`,
      );
    }
    const ok = doP50s[1]! <= doP50s[0]!;
    console.log(`  do p50 PostgreSQL/PGlite: ${(doP50s[1]! / doP50s[0]!).toFixed(3)} (target ≤ 1)`);
    console.log(ok ? "\nwrites within target" : "\nwrites OUTSIDE target");
    if (!ok && process.env.BENCH_STRICT === "1") process.exitCode = 1;
  } finally {
    for (const server of servers) await server.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
