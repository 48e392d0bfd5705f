/**
 * `npm run backup [file]` and `npm run restore <file> [--force]` (decision 0042).
 *
 * Embedded: a running server is asked for its snapshot over DATA_DIR's backup socket; with
 * none running, the data directory is opened (and locked) here. Restore refuses while a
 * server holds DATA_DIR, and checks the whole archive by opening its database in a
 * temporary folder before swapping it in. PostgreSQL: `pg_dump` / `pg_restore` of DATABASE_URL.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { loadConfig, type AppConfig } from "../config";
import { openDatabase, pgliteStartParams } from "../db/database";
import { DataDirInUseError, lockDataDir } from "../db/dataDirLock";
import { DurableNodeFS, fsyncPath, fsyncTree } from "../db/durableNodeFs";
import { StartupError } from "../db/startupError";
import { InvalidArchiveError, packArchive, unpackArchive } from "./archive";
import { backupFileName, controlSocketPath, writeFileAtomically } from "./instance";

class CommandError extends Error {}

const pgliteDirOf = (config: AppConfig) => path.join(config.dataDir, "pglite");

/** The archive from the server running on this DATA_DIR, over its backup socket. */
function askRunningServer(dataDir: string): Promise<Buffer> {
  const socketPath = controlSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: "/backup", method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(body);
        else reject(new CommandError(`The running server could not take the backup: ${body.toString("utf8")}`));
      });
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      reject(new CommandError(`A server is using DATA_DIR ${dataDir} but its backup socket ${socketPath} does not answer (${error.code})`)),
    );
    req.end();
  });
}

async function embeddedArchive(config: AppConfig): Promise<Buffer> {
  const dir = pgliteDirOf(config);
  if (!existsSync(path.join(dir, "PG_VERSION"))) throw new CommandError(`No embedded database in DATA_DIR ${config.dataDir}`);
  let db;
  try {
    db = await openDatabase({ pgliteDir: dir, pgliteTemplateDir: null });
  } catch (error) {
    if (error instanceof DataDirInUseError) return askRunningServer(config.dataDir);
    throw error;
  }
  try {
    return await packArchive(await db.snapshot!(), config.dataDir);
  } finally {
    await db.close();
  }
}

/** Runs a PostgreSQL client tool, saying plainly when it is not installed. */
function runTool(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  const failure: NodeJS.ErrnoException | undefined = result.error;
  if (failure?.code === "ENOENT") {
    throw new CommandError(
      `${tool} not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client) and try again`,
    );
  }
  if (failure) throw failure;
  if (result.status !== 0) throw new CommandError(`${tool} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

async function backup(config: AppConfig, target: string | undefined): Promise<string> {
  const postgres = Boolean(config.databaseUrl);
  const file = path.resolve(
    target ?? path.join(config.backups.dir, backupFileName(new Date()).replace(/\.tar\.gz$/, postgres ? ".pgdump" : ".tar.gz")),
  );
  mkdirSync(path.dirname(file), { recursive: true });
  if (config.databaseUrl) {
    const partial = `${file}.partial`;
    runTool("pg_dump", ["--format=custom", "--no-owner", `--file=${partial}`, `--dbname=${config.databaseUrl}`]);
    renameSync(partial, file);
    fsyncPath(path.dirname(file));
  } else {
    writeFileAtomically(file, await embeddedArchive(config));
  }
  return file;
}

async function restorePostgres(url: string, file: string, force: boolean): Promise<void> {
  // Reads the whole archive's table of contents: a truncated or foreign file fails here, before the database is touched.
  runTool("pg_restore", ["--list", file]);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean; others: string }>(
      `SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present,
              (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) AS others`,
    );
    const [{ present, others }] = rows as [{ present: boolean; others: string }];
    if (Number(others) > 0) throw new CommandError(`${others} other connection(s) use this database: stop every Chorus server first`);
    if (present && !force) throw new CommandError("The database already holds Chorus data; add --force to replace it");
  } finally {
    await client.end();
  }
  runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${url}`, file]);
}

async function restoreEmbedded(config: AppConfig, file: string, force: boolean): Promise<void> {
  const dir = pgliteDirOf(config);
  const archive = await unpackArchive(readFileSync(file));
  mkdirSync(config.dataDir, { recursive: true });
  let unlock;
  try {
    unlock = lockDataDir(`${dir}.lock`);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new CommandError(`${error.message} (stop the server before restoring)`);
    throw error;
  }
  try {
    if (existsSync(path.join(dir, "PG_VERSION")) && !force) {
      throw new CommandError(`DATA_DIR ${config.dataDir} already holds a database; add --force to replace it`);
    }
    const staging = `${dir}.restoring`;
    rmSync(staging, { recursive: true, force: true });
    try {
      // Opening it is the check: PGlite unpacks the tar, PostgreSQL recovers it, and Chorus's tables must be there.
      const pglite = new PGlite({
        fs: new DurableNodeFS(staging),
        loadDataDir: new Blob([archive.database], { type: "application/x-tar" }),
        startParams: pgliteStartParams(true),
      });
      try {
        await pglite.waitReady;
        await pglite.query('SELECT count(*) FROM "_prisma_migrations"');
        await pglite.exec("CHECKPOINT");
      } finally {
        await pglite.close();
      }
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw new CommandError(`The backup's database does not open: ${(error as Error).message}`);
    }
    fsyncTree(staging);
    for (const [name, content] of archive.secrets) writeFileAtomically(path.join(config.dataDir, name), content);
    const old = `${dir}.replaced`;
    rmSync(old, { recursive: true, force: true });
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(staging, dir);
    fsyncPath(config.dataDir);
    rmSync(old, { recursive: true, force: true });
  } finally {
    unlock();
  }
}

async function run(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const force = rest.includes("--force");
  const file = rest.find((arg) => arg !== "--force");
  const { config } = loadConfig();
  if (command === "backup") return `Backup written to ${await backup(config, file)}`;
  if (command === "restore") {
    if (!file || !existsSync(file)) throw new CommandError("Usage: npm run restore <backup file> [--force] (the file must exist)");
    if (config.databaseUrl) await restorePostgres(config.databaseUrl, file, force);
    else await restoreEmbedded(config, file, force);
    return `Restored ${path.resolve(file)}`;
  }
  throw new CommandError("Usage: backup [file] | restore <file> [--force]");
}

run(process.argv.slice(2)).then(
  (message) => console.log(message),
  (error: unknown) => {
    // What the person can fix is one line; anything else is a bug and keeps its stack.
    if (error instanceof CommandError || error instanceof InvalidArchiveError || error instanceof StartupError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error);
    process.exit(2);
  },
);
