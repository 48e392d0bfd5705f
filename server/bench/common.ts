/**
 * What the benchmarks share: the built server started as `npm start` starts it, a scratch
 * PostgreSQL database, a seeded circle, autocannon rounds and medians.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Client } from "pg";
import { createClient } from "@chorus/shared";
import { freePort, repoRoot, serveArgs, serveEnv } from "../src/test/builtServer";

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const newDataDir = () => mkdtempSync(path.join(tmpdir(), "chorus-bench-"));

export interface Running {
  baseUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `node <args>` with `env` (over the `serve` script's environment, as `npm start`
 * sets it) on a free port and waits for `healthPath` to answer.
 */
export async function startProcess(args: string[], env: Record<string, string>, healthPath = "/api/v1/health"): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...serveEnv(), ...process.env, LOG_LEVEL: "error", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      if ((await fetch(`${baseUrl}${healthPath}`)).status < 500) return { baseUrl, child, stop };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`${args.join(" ")} did not start`);
}

/**
 * BENCH_BASELINE_ENV="NAME=value …": variables the baseline server runs with over the
 * `serve` script's environment (`NAME=` clears one), to measure what a setting buys.
 */
export const baselineEnv = (): Record<string, string> =>
  Object.fromEntries(
    (process.env.BENCH_BASELINE_ENV ?? "")
      .split(" ")
      .filter(Boolean)
      .map((word) => word.split(/=(.*)/s, 2) as [string, string]),
  );

/** BENCH_PROFILE_DIR: a V8 CPU profile of each server process, written there when it stops. */
export const profileFlags = () => (process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []);

/** `script` run with the root `serve` script's Node flags (those of server/dist/main.js). */
export const withServeFlags = (script: string) => [...serveArgs().slice(0, -1), script];

/**
 * The built Chorus server (server/dist/main.js, or `mainJs`: BENCH_BASELINE, another
 * build to measure in the same run) with the root `serve` script's Node flags.
 */
export function startChorus(env: Record<string, string>, mainJs?: string): Promise<Running> {
  const args = mainJs ? withServeFlags(mainJs) : serveArgs();
  return startProcess([...profileFlags(), ...args], { AUTH_RATE_LIMIT_PER_MINUTE: "100000", ...env });
}

/** A database of its own on the PostgreSQL server at `url`, dropped by `drop()`. */
export async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `chorus_bench_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface SeededCircle {
  adminToken: string;
  adminId: number;
  memberToken: string;
  memberId: number;
  choreIds: number[];
}

/** An admin and a member in one circle, with `chores` chores assigned to the member (half shared with the admin). */
export async function seedCircle(baseUrl: string, chores: number): Promise<SeededCircle> {
  const stamp = randomBytes(4).toString("hex");
  const admin = await createClient({ baseUrl }).auth.signup({
    username: `bench_admin_${stamp}`,
    email: `admin_${stamp}@bench.test`,
    password: "benchmark password",
  });
  const adminClient = createClient({ baseUrl, token: admin.token });
  const member = await createClient({ baseUrl }).auth.signup({
    username: `bench_member_${stamp}`,
    email: `member_${stamp}@bench.test`,
    password: "benchmark password",
  });
  const memberClient = createClient({ baseUrl, token: member.token });
  await memberClient.circles.join({ inviteCode: (await adminClient.circles.current()).inviteCode! });
  await adminClient.circles.accept(member.user.id);
  const choreIds: number[] = [];
  for (let i = 0; i < chores; i += 1) {
    const chore = await adminClient.chores.create({
      name: `Chore ${i + 1}`,
      frequency: i % 2 ? { type: "weekly", weekdays: [1, 4] } : { type: "daily" },
      nextDueDate: new Date(Date.now() + i * 3600_000).toISOString(),
      assignees: i % 2 ? [member.user.id, admin.user.id] : [member.user.id],
      labels: ["bench"],
      points: i % 5,
    });
    choreIds.push(chore.id);
  }
  return { adminToken: admin.token, adminId: admin.user.id, memberToken: member.token, memberId: member.user.id, choreIds };
}

export interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
  /** The server process, whose CPU time per request is reported beside its throughput. */
  pid: number;
}

/** CPU time (user + system) the process has used so far, in milliseconds (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

export interface Round {
  rps: number;
  /** Server CPU milliseconds per request: less sensitive than req/s to other load on the machine. */
  cpuMsPerRequest: number;
}

/** One round of SECONDS; any failed request fails the run. */
export async function measureRound(target: Target): Promise<Round> {
  const cpuBefore = cpuMs(target.pid);
  const result = await autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration: SECONDS });
  const cpu = cpuMs(target.pid) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, cpuMsPerRequest: cpu / Math.max(1, result.requests.total) };
}

/** Medians of ROUNDS rounds per target, the targets taking turns in every round to cancel drift. */
export async function alternate(targets: Target[]): Promise<Round[]> {
  for (const target of targets) await measureRound(target); // warm-up
  const runs = targets.map(() => [] as Round[]);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, target] of targets.entries()) runs[index]!.push(await measureRound(target));
  }
  return runs.map((rounds) => ({ rps: median(rounds.map((r) => r.rps)), cpuMsPerRequest: median(rounds.map((r) => r.cpuMsPerRequest)) }));
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });
