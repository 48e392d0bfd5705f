/**
 * Shutdown of the built server when its log pipe misbehaves, as under `npm start | tee
 * chorus.log` or a supervisor (issue 13, item 7): the pipe's reader has exited, or is
 * alive but no longer reading. Either way SIGTERM must end the process within seconds and
 * release the data directory, so the next start succeeds.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildServer, freePort, runChorus } from "./test/builtServer";

let build: ReturnType<typeof buildServer>;
let dir: string;
const started: ChildProcess[] = [];
beforeAll(() => {
  build = buildServer();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "chorus-shutdown-"));
});
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => build.remove());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

/** A process holding the read end of a pipe that never reads from it (stands in for tee, a supervisor). */
function pipeReader(): ChildProcess {
  const reader = spawn("sleep", ["600"], { stdio: ["pipe", "ignore", "ignore"] });
  started.push(reader);
  return reader;
}

/** The built server with standard output and error both going into `reader`'s pipe; resolves once healthy. */
async function serveInto(reader: ChildProcess) {
  const port = await freePort();
  const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [build.mainJs], {
    // At debug every request writes a line, so a few hundred requests fill a pipe.
    env: { ...parentEnv, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "debug", DATA_DIR: dir },
    stdio: ["ignore", reader.stdin!, reader.stdin!],
  });
  started.push(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Chorus exited with code ${child.exitCode} before it was healthy`);
    if (Date.now() > deadline) throw new Error("Chorus was not healthy within 90 s");
    const ok = await fetch(`${baseUrl}/api/v1/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    await sleep(100);
  }
  return { child, baseUrl };
}

/** Requests that each log a line: about 400 bytes apiece, so 1,000 overflow a 64 KiB pipe many times over. */
async function logLines(baseUrl: string, count: number) {
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${baseUrl}/api/v1/no-such-thing`).then((response) => response.arrayBuffer())),
    );
  }
}

async function expectCleanStopWithin(child: ChildProcess, ms: number) {
  const exited = exitOf(child);
  child.kill("SIGTERM");
  const outcome = await Promise.race([exited, sleep(ms).then(() => "still running" as const)]);
  expect(outcome).toBe(0);
  // The data directory lock went with it: the next start on the same DATA_DIR succeeds.
  const next = await runChorus(build.mainJs, { DATA_DIR: dir });
  try {
    await next.healthy(90_000);
  } finally {
    await next.kill();
  }
}

describe("shutdown with a broken log pipe", () => {
  it("exits at SIGTERM after the pipe's reader has exited", async () => {
    const reader = pipeReader();
    const { child } = await serveInto(reader);
    reader.kill("SIGKILL");
    await exitOf(reader);
    // The first line written to a pipe nobody reads meets EPIPE: here, the shutdown's own.
    await expectCleanStopWithin(child, 5_000);
  }, 240_000); // two real starts, each up to a minute on a busy machine

  it("exits at SIGTERM while the pipe is full and its reader alive but not reading", async () => {
    const reader = pipeReader();
    const { child, baseUrl } = await serveInto(reader);
    await logLines(baseUrl, 1_000);
    // Still answering while its log lines have nowhere to go: logging never blocks requests.
    expect((await fetch(`${baseUrl}/api/v1/health`)).status).toBe(200);
    await expectCleanStopWithin(child, 5_000);
  }, 240_000);
});
