import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { serveCommand } from "../../../scripts/serve-command.cjs";

const repoRoot = path.resolve(__dirname, "../../..");

export interface RunningChorus {
  baseUrl: string;
  stop(): Promise<void>;
}

export interface ChorusOptions {
  /** Extra environment variables for the server; as a function, of the port it will listen on (for an origin to name). */
  env?: Record<string, string> | ((port: number) => Record<string, string>);
  /** Reuse this PGlite data directory (a restart), and leave it in place on stop. */
  dataDir?: string;
  /** Listen here rather than on a free port: a restart that open pages (and their stored sign-ins) keep reaching. */
  port?: number;
}

/** The real production server on a free port with a fresh PGlite data directory (unless one is given). */
export async function startChorus(options: ChorusOptions = {}): Promise<RunningChorus> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "chorus-e2e-"));
  const output: string[] = [];
  // The root `serve` script's environment and flags, as `npm start` runs it.
  const serve = serveCommand(repoRoot);
  const server = spawn(process.execPath, serve.args, {
    cwd: repoRoot,
    env: {
      ...serve.env,
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      LOG_LEVEL: "warn",
      ...(typeof options.env === "function" ? options.env(port) : options.env),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  server.once("exit", (code, signal) => {
    if (!stopping) console.error(`Chorus exited unexpectedly (code ${code}, signal ${signal}). Output:\n${output.join("")}`);
  });
  let stopping = false;
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    server.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\nServer output:\n${output.join("")}`, { cause: error });
  }
  return {
    baseUrl,
    async stop() {
      stopping = true;
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
        setTimeout(() => server.kill("SIGKILL"), 5000).unref();
      });
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs SQL on the PGlite database of a stopped server (`dataDir` as given to `startChorus`),
 * with the server's own PGlite package: how a test reaches a state that takes real time,
 * such as a sign-in older than ten minutes, without a hook in the server.
 */
export async function runSqlWhileStopped(dataDir: string, sql: string): Promise<void> {
  const script = `
    import { PGlite } from "@electric-sql/pglite";
    const db = new PGlite(process.env.CHORUS_PGLITE_DIR);
    await db.exec(process.env.CHORUS_SQL);
    await db.close();`;
  await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
    cwd: path.join(repoRoot, "server"),
    env: { ...process.env, CHORUS_PGLITE_DIR: path.join(dataDir, "pglite"), CHORUS_SQL: sql },
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Chorus exited with code ${server.exitCode} before becoming healthy`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("Chorus did not answer GET /api/v1/health within 60 s");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No port"))));
    });
  });
}
