import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createClient } from "@chorus/shared";
import { Client } from "pg";
import { buildServer, runChorus } from "../test/builtServer";
import { serveTestApp, type TestServer } from "../test/harness";
import { openDatabase, type Database } from "./database";

// Start-up checks concern DATA_DIR and run the same whatever the target; the disk filling
// up under a running server is tested on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
let scratch: string;
let build: ReturnType<typeof buildServer>;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "chorus-datadir-"));
  build = buildServer();
});
afterAll(() => {
  build.remove();
  rmSync(scratch, { recursive: true, force: true });
});

/** A tmpfs of `megabytes` (tests run as root); unmounted by the returned function. */
function mountTmpfs(megabytes: number): { dir: string; unmount(): void } {
  const dir = mkdtempSync(path.join(scratch, "tmpfs-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir]);
  return { dir, unmount: () => execFileSync("umount", ["-l", dir]) };
}

async function refusal(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const chorus = await runChorus(build.mainJs, env);
  const code = await chorus.exited;
  return { code, lines: chorus.output().trim().split("\n") };
}

describe("starting with a DATA_DIR that cannot be used", () => {
  it.each([
    [
      "whose parent is a file",
      () => {
        writeFileSync(path.join(scratch, "a-file"), "");
        return path.join(scratch, "a-file", "data");
      },
    ],
    // Root ignores permission bits, but not /proc.
    ["under /proc", () => "/proc/chorus-data"],
  ])(
    "exits with one line naming DATA_DIR and what to do, when it is %s",
    async (_what, makePath) => {
      const dataDir = makePath();
      const { code, lines } = await refusal({ DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(`^DATA_DIR ${dataDir} cannot be created or written \\(E[A-Z]+: .*\\); set DATA_DIR to a folder this user can write`),
        ),
      ]);
    },
    30_000,
  );

  it("exits with one line saying the disk is full when DATA_DIR has almost no free space", async () => {
    const tmpfs = mountTmpfs(2);
    try {
      const { code, lines } = await refusal({ DATA_DIR: tmpfs.dir });
      expect(code).toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^DATA_DIR ${tmpfs.dir}: the disk is full \\([0-2] MB free, Chorus needs at least 64 MB\\); ` +
              "free some space or set DATA_DIR to a folder on another disk$",
          ),
        ),
      ]);
    } finally {
      tmpfs.unmount();
    }
  }, 30_000);
});

/**
 * A migrated database whose files live in `dir`: PGlite there, or on the PostgreSQL
 * server a database in a tablespace there (the server runs on this machine in tests).
 */
async function databaseIn(dir: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const db = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
    return { db, drop: () => db.close() };
  }
  // The server runs as postgres: it must reach the folder and own it.
  chmodSync(path.dirname(dir), 0o755);
  execFileSync("chown", ["postgres", dir]);
  const name = `chorus_full_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP TABLESPACE IF EXISTS ${name}`);
    await admin.end();
  };
  try {
    await admin.query(`CREATE TABLESPACE ${name} LOCATION '${dir}'`);
    await admin.query(`CREATE DATABASE ${name} TABLESPACE ${name}`);
  } catch (error) {
    await drop();
    throw error;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  return {
    db,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}

describe("a disk that fills up while Chorus runs", () => {
  it("answers 507 storage_full to writes, not 500, and works again once space is freed", async () => {
    const tmpfs = mountTmpfs(128);
    let server: TestServer | undefined;
    try {
      const { db, drop } = await databaseIn(tmpfs.dir);
      await db.migrate().catch(async (error: unknown) => {
        await drop();
        throw error;
      });
      server = await serveTestApp({ db, dispose: drop });
      const { baseUrl } = server;
      const { token } = await createClient({ baseUrl }).auth.signup({
        username: "full",
        email: "full@example.com",
        password: "correct horse battery",
      });
      const createChore = (name: string) =>
        fetch(`${baseUrl}/api/v1/chores`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ name, description: "x".repeat(2000), frequency: { type: "daily" } }),
        });
      expect((await createChore("Before")).status).toBe(201);

      // Fill every byte left, then keep writing chores until the database hits the wall.
      const filler = path.join(tmpfs.dir, "filler");
      mkdirSync(filler);
      for (let i = 0; ; i += 1) {
        try {
          writeFileSync(path.join(filler, String(i)), Buffer.alloc(1024 * 1024));
        } catch {
          break;
        }
      }
      let response = await createChore("During");
      for (let i = 0; i < 200 && response.status === 201; i += 1) response = await createChore(`During ${i}`);
      expect(response.status).toBe(507);
      expect(await response.json()).toEqual({ error: { code: "storage_full", message: expect.stringContaining("disk is full") } });

      rmSync(filler, { recursive: true, force: true });
      expect((await createChore("After")).status).toBe(201);
    } finally {
      await server?.close();
      tmpfs.unmount();
    }
  }, 120_000);
});
