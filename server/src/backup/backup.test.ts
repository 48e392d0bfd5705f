/**
 * Instance backups (decision 0042) with the built server as a real process: `npm run backup`
 * while it runs (through its socket) and while it does not (opening the data directory),
 * scheduled backups and their retention, and restore's refusals, checks and swap. On
 * PostgreSQL (TEST_DATABASE_URL), pg_dump and pg_restore of a database.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildProductionServer, repoRoot, startBuiltServer, type BuiltServer } from "../test/builtServer";
import { createPostgresDatabase, TEMPLATE_DATABASE_ENV } from "../test/harness";

const cli = path.join(repoRoot, "server/dist/backup.js");

/** Runs `node server/dist/backup.js <args>` with `env` (no DATABASE_URL unless given). */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...parentEnv, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output: chunks.join("") })));
}

async function waitFor(done: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const json = (body: unknown) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const account = { username: "backup_alice", email: "alice@backup.test", password: "correct horse battery" };

let root: string;
beforeAll(() => {
  buildProductionServer();
  root = mkdtempSync(path.join(tmpdir(), "chorus-backup-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const describeOnPglite = process.env.TEST_DATABASE_URL ? describe.skip : describe;
const describeOnPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

describeOnPglite("the embedded database", () => {
  it(
    "backs up a running embedded server, keeps BACKUP_KEEP scheduled backups, restores only when stopped, checked, then swapped",
    async () => {
      const dataDir = path.join(root, "live");
      const backupDir = path.join(dataDir, "backups");
      mkdirSync(backupDir, { recursive: true });
      // Older scheduled backups past the retention, and one taken by hand that retention never touches.
      const old = ["chorus-auto-2000-01-01T00-00-00-000Z.tar.gz", "chorus-auto-2000-01-02T00-00-00-000Z.tar.gz"];
      for (const name of [...old, "chorus-2000-01-01T00-00-00-000Z.tar.gz"]) writeFileSync(path.join(backupDir, name), "old");
      let server: BuiltServer | null = await startBuiltServer(dataDir, { BACKUP_INTERVAL: "1s", BACKUP_KEEP: "2" });
      try {
        expect((await fetch(`${server.baseUrl}/api/v1/auth/signup`, json(account))).status).toBe(201);
        const live = path.join(root, "live.tar.gz");
        const taken = await runCli(["backup", live], { DATA_DIR: dataDir });
        expect(taken).toMatchObject({ code: 0, output: expect.stringContaining(live) });

        const autos = () => readdirSync(backupDir).filter((name) => name.startsWith("chorus-auto-") && name.endsWith(".tar.gz"));
        await waitFor(() => autos().length === 2 && !autos().some((name) => old.includes(name)), "two new scheduled backups");
        expect(readdirSync(backupDir)).toContain("chorus-2000-01-01T00-00-00-000Z.tar.gz");

        const refused = await runCli(["restore", live], { DATA_DIR: dataDir });
        expect(refused.code).toBe(1);
        expect(refused.output).toMatch(/stop the server before restoring/);
        await server.stop();
        server = null;

        const restoredDir = path.join(root, "restored");
        const garbage = path.join(root, "garbage.tar.gz");
        writeFileSync(garbage, "not a backup");
        expect(await runCli(["restore", garbage], { DATA_DIR: restoredDir })).toMatchObject({
          code: 1,
          output: expect.stringMatching(/not a Chorus backup/),
        });
        expect(existsSync(path.join(restoredDir, "pglite"))).toBe(false);
        expect(await runCli(["restore", live], { DATA_DIR: restoredDir })).toMatchObject({ code: 0 });
        expect(await runCli(["restore", live], { DATA_DIR: restoredDir })).toMatchObject({
          code: 1,
          output: expect.stringMatching(/--force/),
        });

        // With no server running the backup opens the data directory itself; --force swaps a restore in.
        const offline = path.join(root, "offline.tar.gz");
        expect(await runCli(["backup", offline], { DATA_DIR: restoredDir })).toMatchObject({ code: 0 });
        expect(await runCli(["restore", offline, "--force"], { DATA_DIR: restoredDir })).toMatchObject({ code: 0 });
        expect(readdirSync(root).filter((name) => name.startsWith("restored"))).toEqual(["restored"]);

        server = await startBuiltServer(restoredDir);
        const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, json({ login: account.username, password: account.password }));
        expect(login.status).toBe(200);
      } finally {
        await server?.stop();
      }
    },
    // Several PGlite starts in separate processes (the server twice, each restore's check): slow on a loaded machine.
    400_000,
  );
});

describeOnPostgres("PostgreSQL", () => {
  it("dumps PostgreSQL with pg_dump and restores it with pg_restore, only with --force over data", async () => {
    const template = process.env[TEMPLATE_DATABASE_ENV];
    const pg = await createPostgresDatabase(process.env.TEST_DATABASE_URL!, template ? { template } : {});
    try {
      const env = { DATA_DIR: path.join(root, "pg"), DATABASE_URL: pg.url };
      const file = path.join(root, "pg.pgdump");
      expect(await runCli(["backup", file], env)).toMatchObject({ code: 0 });
      expect(await runCli(["restore", file], env)).toMatchObject({ code: 1, output: expect.stringMatching(/--force/) });
      expect(await runCli(["restore", file, "--force"], env)).toMatchObject({ code: 0 });
    } finally {
      await pg.drop();
    }
  });
});
