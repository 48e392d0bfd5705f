/**
 * `pnpm bench:embedded`: what the embedded (PGlite) server costs a small home server.
 *
 * 1. Start-up and memory: the built server, started like `npm start`, on an empty
 *    DATA_DIR (first start) and again on the same one (second start): time to the first
 *    healthy answer (wall clock, and the CPU time the process used by then), resident
 *    memory when idle after start and after a few requests. Median of BENCH_RUNS.
 *    BENCH_BASELINE=<another checkout>/server/dist/main.js measures that build too (run
 *    with plain `node`), in alternating runs: before/after figures from one run.
 * 2. Durability: POST /chores (one write transaction each) with autocannon against two
 *    servers, commits flushed to disk (fsync, the default) and not, in alternating rounds.
 *    The no-fsync server is this script re-run in `--serve` mode, because Chorus itself
 *    has no switch to turn flushing off.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createClient } from "@chorus/shared";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/database";
import { createLogger } from "../src/logger";
import { serveArgs, startBuiltServer } from "../src/test/builtServer";
import { createLiveHub } from "../src/realtime/hub";
import { createImpersonationNotices } from "../src/reminders/impersonationNotices";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const IDLE_WAIT_MS = 3_000;
const BASELINE = process.env.BENCH_BASELINE;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signUpAdmin(baseUrl: string): Promise<{ token: string; userId: number }> {
  const name = `bench${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const { token, user } = await createClient({ baseUrl }).auth.signup({
    username: name,
    email: `${name}@bench.test`,
    password: "benchmark password",
  });
  return { token, userId: user.id };
}

function choreBody(userId: number): string {
  return JSON.stringify({ name: "Bench chore", frequency: { type: "daily" }, nextDueDate: new Date().toISOString(), assignees: [userId] });
}

async function someRequests(baseUrl: string): Promise<void> {
  const { token, userId } = await signUpAdmin(baseUrl);
  const client = createClient({ baseUrl, token });
  for (let i = 0; i < 5; i += 1) {
    await client.chores.create({
      name: `Chore ${i}`,
      frequency: { type: "daily" },
      nextDueDate: new Date().toISOString(),
      assignees: [userId],
    });
  }
  for (let i = 0; i < 10; i += 1) await client.chores.list();
}

interface StartRun {
  firstMs: number;
  firstCpuMs: number;
  idleMb: number;
  afterRequestsMb: number;
  secondMs: number;
  secondCpuMs: number;
  secondIdleMb: number;
}

async function startRun(dataDir: string, nodeArgs: string[]): Promise<StartRun> {
  const first = await startBuiltServer(dataDir, {}, nodeArgs);
  await sleep(IDLE_WAIT_MS);
  const idleMb = first.rssMb();
  await someRequests(first.baseUrl);
  await sleep(1_000);
  const afterRequestsMb = first.rssMb();
  await first.stop();
  const second = await startBuiltServer(dataDir, {}, nodeArgs);
  await sleep(IDLE_WAIT_MS);
  const secondIdleMb = second.rssMb();
  await second.stop();
  return {
    firstMs: first.startMs,
    firstCpuMs: first.startCpuMs,
    idleMb,
    afterRequestsMb,
    secondMs: second.startMs,
    secondCpuMs: second.startCpuMs,
    secondIdleMb,
  };
}

/** A Chorus API server on DATA_DIR and PORT, its PGlite flushing commits or not: for the comparison only. */
async function serve(fsync: boolean): Promise<void> {
  const { config } = loadConfig();
  const db = await openDatabase({ pgliteDir: path.join(config.dataDir, "pglite"), pgliteFsync: fsync });
  await db.migrate();
  const logger = createLogger(config.logLevel);
  const notices = createImpersonationNotices({ db, config, logger });
  createApp({ config, db, logger, live: createLiveHub(db, logger, config), notices }).listen(config.port, config.host);
}

async function startServeMode(root: string, fsync: boolean): Promise<{ baseUrl: string; stop(): void }> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [__filename, "--serve", fsync ? "fsync" : "no-fsync"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: path.join(root, fsync ? "fsync" : "no-fsync"),
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return { baseUrl, stop: () => child.kill() };
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill();
  throw new Error("bench server did not start within 60 s");
}

async function writesPerSecond(baseUrl: string, token: string, userId: number): Promise<number> {
  const result = await autocannon({
    url: `${baseUrl}/api/v1/chores`,
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: choreBody(userId),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function durability(root: string): Promise<{ fsync: number; noFsync: number }> {
  const servers = { fsync: await startServeMode(root, true), noFsync: await startServeMode(root, false) };
  try {
    const seeded = { fsync: await signUpAdmin(servers.fsync.baseUrl), noFsync: await signUpAdmin(servers.noFsync.baseUrl) };
    const rates: Record<"fsync" | "noFsync", number[]> = { fsync: [], noFsync: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which goes first so drift in machine load falls on both.
      const order: ("fsync" | "noFsync")[] = round % 2 ? ["noFsync", "fsync"] : ["fsync", "noFsync"];
      for (const kind of order) rates[kind].push(await writesPerSecond(servers[kind].baseUrl, seeded[kind].token, seeded[kind].userId));
    }
    return { fsync: median(rates.fsync), noFsync: median(rates.noFsync) };
  } finally {
    servers.fsync.stop();
    servers.noFsync.stop();
  }
}

async function main() {
  const root = mkdtempSync(path.join(tmpdir(), "chorus-bench-embedded-"));
  try {
    const builds: Record<string, string[]> = { "this build": serveArgs(), ...(BASELINE ? { baseline: [BASELINE] } : {}) };
    const runs: Record<string, StartRun[]> = Object.fromEntries(Object.keys(builds).map((name) => [name, []]));
    for (let run = 0; run < RUNS; run += 1) {
      for (const [name, nodeArgs] of Object.entries(builds)) runs[name]!.push(await startRun(path.join(root, `${name}-${run}`), nodeArgs));
    }
    console.log(`\nStart-up and memory, median of ${RUNS} runs (time to first answer: wall and CPU ms; RSS MB):`);
    const table: Record<string, Record<string, number>> = {};
    for (const [name, results] of Object.entries(runs)) {
      const m = (pick: (run: StartRun) => number) => Math.round(median(results.map(pick)));
      table[name] = {
        "1st start wall": m((r) => r.firstMs),
        "1st start CPU": m((r) => r.firstCpuMs),
        "idle RSS": m((r) => r.idleMb),
        "RSS after requests": m((r) => r.afterRequestsMb),
        "2nd start wall": m((r) => r.secondMs),
        "2nd start CPU": m((r) => r.secondCpuMs),
        "2nd idle RSS": m((r) => r.secondIdleMb),
      };
    }
    console.table(table);
    const writes = await durability(root);
    console.log(`\nPOST /chores, ${CONNECTIONS} connections, median of ${ROUNDS} rounds of ${SECONDS} s:`);
    console.table({
      "fsync on commit (default)": { "req/s": Math.round(writes.fsync) },
      "no fsync": { "req/s": Math.round(writes.noFsync) },
      ratio: { "req/s": Number((writes.fsync / writes.noFsync).toFixed(2)) },
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--serve") {
  serve(process.argv[3] === "fsync").catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
