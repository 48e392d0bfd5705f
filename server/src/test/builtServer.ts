/**
 * The built production server (server/dist/main.js) as a child process, started like
 * `npm start` starts it (with the Node flags of the root `serve` script), for tests and
 * benchmarks of what a self-hoster runs: start-up time, memory, surviving a crash.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No repository root above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);

/** Bundles the server and builds its PGlite template (quick when nothing changed). */
export function buildServer(): void {
  execFileSync(process.execPath, ["build.mjs"], { cwd: path.join(repoRoot, "server"), stdio: "ignore" });
}

/** `node <flags> server/dist/main.js`, as in the root package.json's `serve` script. */
export function serveArgs(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: { serve: string } };
  const [, ...args] = manifest.scripts.serve.split(" ");
  return args;
}

export interface BuiltServer {
  baseUrl: string;
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

/** Starts the server on `dataDir`; `nodeArgs` replaces `serveArgs()` (to measure another build). */
export async function startBuiltServer(dataDir: string, env: Record<string, string> = {}, nodeArgs = serveArgs()): Promise<BuiltServer> {
  const port = await freePort();
  const output: string[] = [];
  const started = performance.now();
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No port"))));
    });
  });
}
