/**
 * Embedded PGlite must flush a commit to disk before the API answers. These tests watch
 * the real fsync calls Node makes (on file descriptors resolved through /proc, so Linux
 * only) while a write goes through the real app over HTTP.
 */
import fs, { mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serveTestApp } from "../test/harness";
import { openDatabase } from "./database";

const describeOnPglite = process.env.TEST_DATABASE_URL ? describe.skip : describe;

let root: string;
let pgliteDir: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "chorus-fsync-"));
  pgliteDir = path.join(root, "pglite");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Opens the app on the PGlite folder, signs a user up over HTTP, and returns the paths fsynced during that request. */
async function pathsFsyncedBySignup(pgliteFsync: boolean): Promise<string[]> {
  const db = await openDatabase({ pgliteDir, pgliteFsync, pgliteTemplateDir: null });
  const server = await serveTestApp({ db, dispose: () => db.close() });
  const original = fs.fsyncSync;
  const synced: string[] = [];
  const spy = jest.spyOn(fs, "fsyncSync").mockImplementation((fd) => {
    synced.push(readlinkSync(`/proc/self/fd/${fd}`));
    original(fd);
  });
  try {
    await db.migrate();
    synced.length = 0;
    const username = `fsync${pgliteFsync ? "on" : "off"}`;
    await server.client().auth.signup({ username, email: `${username}@example.test`, password: "correct horse battery" });
    return [...synced];
  } finally {
    spy.mockRestore();
    await server.close();
  }
}

describeOnPglite("PGlite durability", () => {
  it("fsyncs the WAL under DATA_DIR before a write is acknowledged", async () => {
    const synced = await pathsFsyncedBySignup(true);
    expect(synced.filter((file) => file.startsWith(path.join(pgliteDir, "pg_wal") + path.sep)).length).toBeGreaterThan(0);
  }, 60_000);

  it("issues no fsync at all when fsync is turned off (the control for the test above)", async () => {
    expect(await pathsFsyncedBySignup(false)).toEqual([]);
  }, 60_000);
});
