/**
 * `pnpm bench:memory`: the embedded server's memory under a household's load.
 *
 * The built server, started like `npm start` on an empty DATA_DIR, gets BENCH_SECONDS
 * (60) of mixed traffic from BENCH_WORKERS (8) clients — list, get, create, do, history,
 * sign-in — then idles for BENCH_IDLE_SECONDS (60). RSS is read from /proc at each step
 * and split by what holds it, from the process's memory map (`/proc/<pid>/smaps`).
 * A baseline runs alternately in the same run: BENCH_BASELINE=<another checkout>/server/dist/main.js
 * and/or BENCH_BASELINE_FLAGS="<Node flags>" (instead of the `serve` script's) and/or
 * BENCH_BASELINE_ENV="NAME=value …" (over the `serve` script's environment; `NAME=` clears
 * one), e.g. to measure what a flag or an allocator setting buys.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@chorus/shared";
import { serveArgs, startBuiltServer } from "../src/test/builtServer";
import { baselineEnv } from "./common";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const BASELINE = process.env.BENCH_BASELINE;
const BASELINE_FLAGS = process.env.BENCH_BASELINE_FLAGS;

/** The sign-ins of the load come from one address, faster than a household's. */
const BENCH_ENV = { AUTH_RATE_LIMIT_PER_MINUTE: "100000" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** BENCH_SECONDS of mixed traffic; returns how many requests were answered. */
async function mixedLoad(baseUrl: string): Promise<number> {
  const name = `mem${Date.now().toString(36)}`;
  const password = "benchmark password";
  const { token, user } = await createClient({ baseUrl }).auth.signup({ username: name, email: `${name}@bench.test`, password });
  const client = createClient({ baseUrl, token });
  const deadline = Date.now() + SECONDS * 1000;
  let requests = 0;
  const worker = async (index: number) => {
    while (Date.now() < deadline) {
      const chore = await client.chores.create({ name: `Chore ${index}.${requests}`, frequency: { type: "daily" }, assignees: [user.id] });
      await client.chores.do(chore.id, { note: "done" });
      await client.chores.list();
      await client.chores.get(chore.id);
      await client.chores.history(chore.id);
      requests += 5;
      // A sign-in now and then: Argon2 takes its 19 MB per hash.
      if (requests % 200 < 5) {
        await createClient({ baseUrl }).auth.login({ login: name, password });
        requests += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
  return requests;
}

const HOLDERS = [
  "V8 heap and buffers",
  "malloc, main thread",
  "malloc, other threads",
  "PGlite (WebAssembly memory)",
  "JIT code",
  "files",
] as const;
type Holder = (typeof HOLDERS)[number];
type Breakdown = Record<Holder, number> & { total: number };

/**
 * Resident MB per holder, from the memory map. A WebAssembly memory is the readable part
 * of a reservation of several GB; another thread's malloc arena is the used part of a
 * 64 MB-aligned heap; executable anonymous pages are V8's generated code.
 */
function residentBreakdown(pid: number): Breakdown {
  const regions: { start: bigint; end: bigint; perms: string; name: string; rssKb: number }[] = [];
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const [, start, end, perms, name] = header as unknown as [string, string, string, string, string];
      regions.push({ start: BigInt(`0x${start}`), end: BigInt(`0x${end}`), perms, name, rssKb: 0 });
    } else if (line.startsWith("Rss:")) regions.at(-1)!.rssKb = Number(line.split(/\s+/)[1]);
  }
  const breakdown = Object.fromEntries([...HOLDERS.map((holder) => [holder, 0]), ["total", 0]]) as Breakdown;
  const MB = 1n << 20n;
  regions.forEach((region, index) => {
    const next = regions[index + 1];
    const reservedAfter = next && next.start === region.end && next.perms.startsWith("---") ? next.end - next.start : 0n;
    let holder: Holder;
    if (region.name.startsWith("/")) holder = "files";
    else if (region.name === "[heap]") holder = "malloc, main thread";
    else if (region.name) holder = "V8 heap and buffers";
    else if (region.perms.includes("x")) holder = "JIT code";
    else if (reservedAfter >= 4096n * MB) holder = "PGlite (WebAssembly memory)";
    else if (reservedAfter > 0n && (next!.end - region.start) % (64n * MB) === 0n) holder = "malloc, other threads";
    else holder = "V8 heap and buffers";
    breakdown[holder] += region.rssKb / 1024;
    breakdown.total += region.rssKb / 1024;
  });
  return breakdown;
}

interface Figures {
  idle: Breakdown;
  afterLoad: Breakdown;
  idleAfter: Breakdown;
  requests: number;
}

async function measure(dataDir: string, nodeArgs: string[], env: Record<string, string>): Promise<Figures> {
  const server = await startBuiltServer(dataDir, { ...BENCH_ENV, ...env }, nodeArgs);
  try {
    await sleep(3_000);
    const idle = residentBreakdown(server.pid);
    const requests = await mixedLoad(server.baseUrl);
    const afterLoad = residentBreakdown(server.pid);
    await sleep(IDLE_SECONDS * 1000);
    return { idle, afterLoad, idleAfter: residentBreakdown(server.pid), requests };
  } finally {
    await server.stop();
  }
}

const round = (mb: number) => String(Math.round(mb)).padStart(4);

function print(label: string, figures: Figures): void {
  console.log(
    `${label}: RSS idle ${Math.round(figures.idle.total)} MB, after load ${Math.round(figures.afterLoad.total)} MB, ` +
      `idle a minute later ${Math.round(figures.idleAfter.total)} MB (${figures.requests} requests)`,
  );
  console.log(`  MB         ${HOLDERS.map((holder) => holder.padStart(holder.length)).join("  ")}`);
  for (const moment of ["idle", "afterLoad", "idleAfter"] as const) {
    const row = HOLDERS.map((holder) => round(figures[moment][holder]).padStart(holder.length)).join("  ");
    console.log(`  ${moment.padEnd(10)} ${row}`);
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), "chorus-memory-"));
  try {
    const script = serveArgs().at(-1)!;
    const builds: [string, string[], Record<string, string>][] = [["this build", serveArgs(), {}]];
    if (BASELINE || BASELINE_FLAGS || process.env.BENCH_BASELINE_ENV) {
      const flags = BASELINE_FLAGS === undefined ? serveArgs().slice(0, -1) : BASELINE_FLAGS.split(" ").filter(Boolean);
      const env = process.env.BENCH_BASELINE_ENV ?? "as served";
      const label = `baseline (${BASELINE ?? "this build"}, flags: ${flags.join(" ") || "none"}, env: ${env})`;
      builds.unshift([label, [...flags, BASELINE ?? script], baselineEnv()]);
    }
    console.log(
      `${SECONDS} s of mixed load from ${WORKERS} clients, then ${IDLE_SECONDS} s idle (targets: ≤ 200 MB after load, ≤ 170 MB idle after)`,
    );
    for (let run = 1; run <= RUNS; run += 1) {
      for (const [label, args, env] of builds) print(label, await measure(mkdtempSync(path.join(root, "run-")), args, env));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
