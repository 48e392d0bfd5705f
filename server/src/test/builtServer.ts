/**
 * The production bundle (`dist/main.js`) run as a real process, for what only a process
 * shows: start-up refusals, exit codes, signals, the data directory lock. Each test file
 * builds its own copy (esbuild takes a fraction of a second), so files running in
 * parallel never read a bundle another one is writing.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

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
  child.stdout!.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
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
