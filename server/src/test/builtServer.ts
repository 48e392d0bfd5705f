/**
 * The production server run as a real process, for what only a process shows:
 * - `buildServer` + `runChorus`: start-up refusals, exit codes, signals, the data directory
 *   lock. Each test file builds its own copy (esbuild takes a fraction of a second), so
 *   files running in parallel never read a bundle another one is writing.
 * - `buildProductionServer` + `startBuiltServer`: server/dist/main.js started like
 *   `npm start` starts it (with the Node flags of the root `serve` script), for tests and
 *   benchmarks of what a self-hoster runs: start-up time, memory, surviving a crash.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serveCommand } from "../../../scripts/serve-command.cjs";

const serverRoot = path.resolve(__dirname, "../..");

/** Builds the server into its own folder under dist/ (so its dependencies resolve); returns main.js. */
export function buildServer(): { mainJs: string; remove(): void } {
  const outdir = path.join(serverRoot, "dist", `test-${randomBytes(4).toString("hex")}`);
  execFileSync(process.execPath, ["build.mjs", outdir], { cwd: serverRoot, stdio: "pipe" });
  return { mainJs: path.join(outdir, "main.js"), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ChorusProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits until GET /health answers 200; fails early if the process exits. */
  healthy(timeoutMs?: number): Promise<void>;
  /** Waits until the output matches `pattern`. */
  printed(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL if still running. */
  kill(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the built server with `env` (DATA_DIR at least) on a free port. */
export async function runChorus(mainJs: string, env: Record<string, string>): Promise<ChorusProcess> {
  const port = await freePort();
  const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [mainJs], {
    env: { ...parentEnv, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = () => chunks.join("");
  const waitFor = async (done: () => Promise<boolean>, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await done()) return;
      if (child.exitCode !== null) throw new Error(`Chorus exited (code ${child.exitCode}) before ${what}. Output:\n${output()}`);
      await sleep(100);
    }
    throw new Error(`Timed out waiting for ${what}. Output:\n${output()}`);
  };
  return {
    child,
    baseUrl,
    output,
    exited,
    healthy: (timeoutMs = 60_000) =>
      waitFor(
        async () => {
          try {
            return (await fetch(`${baseUrl}/api/v1/health`)).status === 200;
          } catch {
            return false; // not listening yet
          }
        },
        "GET /health answered 200",
        timeoutMs,
      ),
    printed: (pattern, timeoutMs = 60_000) => waitFor(async () => pattern.test(output()), `output matching ${pattern}`, timeoutMs),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No repository root above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);

/**
 * Bundles the server into server/dist and builds its PGlite template (quick when nothing changed),
 * unless `pnpm build` already made them from these sources (scripts/build-stamp.mjs): CI runs the
 * PostgreSQL suite beside the browser tests, whose servers start from that very bundle.
 */
export function buildProductionServer(): void {
  const stamp = pathToFileURL(path.join(repoRoot, "scripts", "build-stamp.mjs")).href;
  const check = `process.exit((await import(${JSON.stringify(stamp)})).isBuildCurrent(${JSON.stringify(repoRoot)}) ? 0 : 1)`;
  const current = spawnSync(process.execPath, ["--input-type=module", "-e", check]);
  if (current.status === 0) return;
  execFileSync(process.execPath, ["build.mjs"], { cwd: path.join(repoRoot, "server"), stdio: "ignore" });
}

/** `<flags> server/dist/main.js`: the Node arguments of the root `serve` script. */
export const serveArgs = (): string[] => serveCommand(repoRoot).args;

/** The environment the `serve` script (and so `npm start`) sets for the server. */
export const serveEnv = (): Record<string, string> => serveCommand(repoRoot).env;

export interface BuiltServer {
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawning the process to its first healthy answer. */
  startMs: number;
  /**
   * CPU time (user + system, all threads) the process had used by then: what the start
   * costs whatever else the machine is doing (Linux).
   */
  startCpuMs: number;
  /** Resident memory of the process now, in MB (Linux). */
  rssMb(): number;
  /** Sends `signal` and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the server on `dataDir` as `npm start` does (the `serve` script's environment,
 * where this process does not set a variable itself, and flags); `nodeArgs` replaces
 * `serveArgs()` and `env` adds to or overrides the environment (to measure another build
 * or setting).
 */
export async function startBuiltServer(dataDir: string, env: Record<string, string> = {}, nodeArgs = serveArgs()): Promise<BuiltServer> {
  const port = await freePort();
  const output: string[] = [];
  const started = performance.now();
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: { ...serveEnv(), ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output.join("")}`);
    if (performance.now() - started > 120_000) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer within 120 s:\n${output.join("")}`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const startMs = performance.now() - started;
  return {
    baseUrl,
    pid: child.pid!,
    startMs,
    startCpuMs: cpuMs(child.pid!),
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

function cpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;
