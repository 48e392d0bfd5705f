import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildServer, runChorus } from "../test/builtServer";
import { DataDirInUseError } from "./dataDirLock";
import { openDatabase } from "./database";

// The lock guards the embedded database only; these run on PGlite whatever the target.
let dir: string;
let pgliteDir: string;
let lockFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "chorus-lock-"));
  pgliteDir = path.join(dir, "pglite");
  lockFile = `${pgliteDir}.lock`;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const owner = () => JSON.parse(readFileSync(lockFile, "utf8")) as { pid: number; startTime?: string; bootId?: string };

describe("the PGlite data directory lock", () => {
  it("keeps a second opening out, names its owner with its start time, and goes away on close", async () => {
    const first = await openDatabase({ pgliteDir });
    await expect(openDatabase({ pgliteDir })).rejects.toThrow(DataDirInUseError);
    expect(owner()).toEqual({ pid: process.pid, startTime: expect.stringMatching(/^[0-9]+$/), bootId: expect.any(String) });
    await first.close();
    expect(existsSync(lockFile)).toBe(false);
  });

  it("never lets a lock left by a dead, restarted or unrelated process block a start", async () => {
    const sleeper = spawn("sleep", ["60"]);
    try {
      const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
      const { bootId } = await openDatabase({ pgliteDir }).then(async (db) => {
        const written = owner();
        await db.close();
        return written;
      });
      const staleLocks: [string, string][] = [
        // Chorus as pid 1 in a container, restarted after kill -9 / OOM / power loss: the
        // lock names the very pid the new process has (in the old and the new format).
        ["our own pid (old format)", String(process.pid)],
        ["our own pid", JSON.stringify({ pid: process.pid, startTime: "1", bootId })],
        ["a pid that no longer exists", JSON.stringify({ pid: dead, startTime: "1", bootId })],
        // The pid was reused by another process since: same pid, another start time.
        ["a live process started after the lock was written", JSON.stringify({ pid: sleeper.pid, startTime: "1", bootId })],
        ["a live process from before a reboot", JSON.stringify({ pid: sleeper.pid, startTime: "1", bootId: "another-boot" })],
        ["a torn write", ""],
      ];
      for (const [what, text] of staleLocks) {
        writeFileSync(lockFile, text);
        const db = await openDatabase({ pgliteDir }).catch((error: unknown) => {
          throw new Error(`A lock held by ${what} blocked the start: ${(error as Error).message}`);
        });
        expect(owner().pid).toBe(process.pid);
        await db.close();
      }
    } finally {
      sleeper.kill();
    }
  });
});

describe("the built server on one DATA_DIR", () => {
  let build: ReturnType<typeof buildServer>;
  beforeAll(() => {
    build = buildServer();
  });
  afterAll(() => build.remove());

  it("refuses a second server while the first runs, in one line naming the owner", async () => {
    const first = await runChorus(build.mainJs, { DATA_DIR: dir });
    try {
      await first.healthy();
      const second = await runChorus(build.mainJs, { DATA_DIR: dir });
      expect(await second.exited).toBe(1);
      const lines = second.output().trim().split("\n");
      expect(lines).toEqual([
        `Another Chorus process (pid ${first.child.pid}) is using this data directory; stop it first, or use another DATA_DIR`,
      ]);
      expect((await fetch(`${first.baseUrl}/api/v1/health`)).status).toBe(200);
    } finally {
      await first.kill();
    }
  }, 120_000);

  it("after SIGTERM with a request body half-sent, exits at once, releases the lock and starts again", async () => {
    const first = await runChorus(build.mainJs, { DATA_DIR: dir });
    let socket: Socket | undefined;
    try {
      await first.healthy();
      socket = connect(Number(new URL(first.baseUrl).port), "127.0.0.1");
      await new Promise<void>((resolve) => {
        socket!.write(
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: chorus\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"login":',
          () => resolve(),
        );
      });
      socket.on("error", () => {}); // the server cuts it when it exits
      await new Promise((resolve) => setTimeout(resolve, 300));
      first.child.kill("SIGTERM");
      // A clean exit after the upload grace (code 0), not the forced one 10 s later (code 1).
      expect(await first.exited).toBe(0);
      expect(existsSync(path.join(dir, "pglite.lock"))).toBe(false);

      const second = await runChorus(build.mainJs, { DATA_DIR: dir });
      try {
        await second.healthy();
      } finally {
        await second.kill();
      }
    } finally {
      socket?.destroy();
      await first.kill();
    }
  }, 120_000);
});
