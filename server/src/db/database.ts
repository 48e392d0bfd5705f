/**
 * Opens Chorus's database: embedded PGlite under DATA_DIR by default, or a real
 * PostgreSQL server when a URL is given. Both go through the same Prisma client and the
 * same migrations.
 */
import path from "node:path";
import { existsSync, mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient, type Prisma } from "../generated/prisma/client";
import type { Logger } from "../logger";
import { DatabaseAvailability } from "./availability";
import { lockDataDir } from "./dataDirLock";
import { DurableNodeFS, fsyncTree } from "./durableNodeFs";
import { applyMigrations, findMigrationsDir, readMigrations, type MigrationConnection, type MigrationResult } from "./migrations";
import { listenOnPostgres, type ListenHandlers, type Listening } from "./listener";
import { copyTemplate, isUsableTemplate } from "./pgliteDataDir";
import type { PoolState } from "./pgPool";
import type { CustomTypesConfig, QueryConfig } from "pg";
import { countingAdapter, countStatement } from "./sqlCounter";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /**
   * Runs one read statement straight on the driver, outside any transaction, without
   * Prisma's query engine: for the statements every request sends (identity, the chore
   * list), where compiling and interpreting a raw query cost more than the query itself
   * (docs/performance.md). Rows come back as objects, `json` parsed and `timestamp`
   * columns as UTC Dates, as Prisma's `$queryRaw` gives them; counted and watched for
   * outages like every other statement. Parameters are numbers, strings, booleans or null.
   */
  queryRows<Row>(sql: Prisma.Sql): Promise<Row[]>;
  migrate(): Promise<MigrationResult>;
  /** The connection pool's state on PostgreSQL (for /health); null on PGlite, which has none. */
  poolState(): PoolState | null;
  /** Receives NOTIFY payloads on `channel`, from this process or any other on the same database. */
  listen(channel: string, handlers: ListenHandlers, logger: Logger): Promise<Listening>;
  /**
   * PGlite only (null on PostgreSQL, which pg_dump backs up): a tar of the data directory taken
   * between two statements, so no write is half on disk (decision 0042).
   */
  snapshot: (() => Promise<Buffer>) | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… for a real server; absent for embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `null` keeps them in memory (tests). */
  pgliteDir?: string | null;
  /** Connections in the pool for PostgreSQL (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** Where outages are reported (one line when one starts, one when it ends). */
  logger?: Logger;
  /**
   * PGlite only: flush each commit (and a new data directory) to disk before it returns (default). Off, a power cut
   * can lose acknowledged writes; benchmarks compare the two.
   */
  pgliteFsync?: boolean;
  /** PGlite only: a migrated data directory a new one is copied from (see pgliteDataDir.ts); null for none. */
  pgliteTemplateDir?: string | null;
  /** How long a transaction may wait to start before it is refused as `server_busy` (default 10 s; tests shorten it). */
  transactionMaxWaitMs?: number;
}

/** Where the build puts the template: next to the bundled server (server/dist/). */
const DEFAULT_TEMPLATE_DIR = path.join(__dirname, "pglite-template");

/**
 * PostgreSQL settings for one embedded backend on a small home server. PGlite keeps
 * PostgreSQL's defaults (128 MB of shared buffers; shared memory for 100 connections, 16
 * autovacuum workers and 10 replication senders), all of it touched in the WebAssembly
 * heap at start: about 150 MB of resident memory for a household's few-MB database. The
 * WAL limits bound disk use and crash-recovery time (single-user PostgreSQL checkpoints
 * only when the WAL reaches them). fsync needs wal_sync_method=fsync: Emscripten's
 * fdatasync() does nothing.
 */
export function pgliteStartParams(fsync: boolean): string[] {
  const settings = [
    "shared_buffers=8MB",
    "max_connections=5",
    "autovacuum_worker_slots=1",
    "max_wal_senders=0",
    "max_replication_slots=0",
    "max_wal_size=64MB",
    "min_wal_size=32MB",
    ...(fsync ? ["wal_sync_method=fsync"] : []),
  ];
  return [...PGlite.defaultStartParams.filter((param) => !fsync || param !== "-F"), ...settings.flatMap((setting) => ["-c", setting])];
}

/** PostgreSQL's `timestamp` (without time zone) type; Chorus stores UTC in it, as Prisma does. */
const TIMESTAMP_OID = 1114;
/** "2026-12-02 13:45:00.123" (UTC) → Date. The drivers' own parsers would read it as local time. */
const parseUtcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);

/** `sql`'s text and values, refusing a Date: the drivers would send it in local time. */
function statementOf(sql: Prisma.Sql): { text: string; values: unknown[] } {
  if (sql.values.some((value) => value instanceof Date)) throw new Error("queryRows takes no Date parameters; pass an ISO string");
  countStatement();
  return { text: sql.text, values: sql.values };
}

/** How long opening a PostgreSQL connection may take: an unreachable server fails requests fast. */
const CONNECT_TIMEOUT_MS = 5000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const availability = new DatabaseAvailability(options.logger);
  const maxWait = options.transactionMaxWaitMs ?? TRANSACTION_MAX_WAIT_MS;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, availability, maxWait);
  return openPglite(
    options.pgliteDir ?? null,
    options.pgliteFsync ?? true,
    options.pgliteTemplateDir ?? DEFAULT_TEMPLATE_DIR,
    availability,
    maxWait,
  );
}

async function openPglite(
  dir: string | null,
  fsync: boolean,
  templateDir: string | null,
  availability: DatabaseAvailability,
  maxWait: number,
): Promise<Database> {
  let unlock = () => {};
  let pglite: PGlite;
  if (dir) {
    mkdirSync(path.dirname(dir), { recursive: true });
    unlock = lockDataDir(`${dir}.lock`);
    const startParams = pgliteStartParams(fsync);
    try {
      const fresh = !existsSync(path.join(dir, "PG_VERSION"));
      const fromTemplate = fresh && isUsableTemplate(templateDir);
      if (fromTemplate) copyTemplate(templateDir, dir, fsync);
      pglite = new PGlite({ fs: new DurableNodeFS(dir), startParams });
      await pglite.waitReady;
      // Without a template (tests and development from source) PGlite ran initdb in place.
      if (fresh && !fromTemplate && fsync) fsyncTree(dir);
    } catch (error) {
      unlock();
      throw error;
    }
  } else {
    // In memory (tests): nothing to flush.
    pglite = new PGlite({ startParams: pgliteStartParams(false) });
    await pglite.waitReady;
  }
  const prisma = createPrisma(new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory, availability, maxWait);
  const conn: MigrationConnection = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row>(sql: string, params: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
  };
  const parsers = { [TIMESTAMP_OID]: parseUtcTimestamp };
  return {
    prisma,
    kind: "pglite",
    queryRows: async <Row>(sql: Prisma.Sql) => {
      const { text, values } = statementOf(sql);
      return (await availability.observe(pglite.query<Row>(text, values, { parsers }))).rows;
    },
    migrate: () => applyMigrations(conn, readMigrations(findMigrationsDir())),
    poolState: () => null,
    // One process owns the data directory, so notifications never come from elsewhere.
    listen: async (channel, handlers) => {
      const unlisten = await pglite.listen(channel, handlers.onNotification);
      return { close: () => unlisten() };
    },
    snapshot: async () => {
      // Flushes shared buffers first, so a restore replays next to no WAL. The dump itself reads every
      // file synchronously inside PGlite's query lock: a crash-consistent copy PostgreSQL recovers from.
      await pglite.exec("CHECKPOINT");
      const tar = await pglite.dumpDataDir("none");
      return Buffer.from(await tar.arrayBuffer());
    },
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, poolSize: number, availability: DatabaseAvailability, maxWait: number): Promise<Database> {
  // Loaded only here: an embedded server never needs node-postgres.
  const [{ PrismaPg }, { Client, types: pgTypes }, { createPool }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("pg"),
    import("./pgPool"),
  ]);
  const { pool, state } = createPool(url, poolSize, CONNECT_TIMEOUT_MS);
  // The adapter does not end a pool it was given: close() does.
  const prisma = createPrisma(new PrismaPg(pool), availability, maxWait);
  const defaultParser = pgTypes.getTypeParser.bind(pgTypes) as (oid: number, format?: "text" | "binary") => (value: string) => unknown;
  const types: CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === TIMESTAMP_OID ? parseUtcTimestamp : defaultParser(oid, format)) as CustomTypesConfig["getTypeParser"],
  };
  return {
    prisma,
    kind: "postgres",
    queryRows: async <Row>(sql: Prisma.Sql) => {
      const { text, values } = statementOf(sql);
      const config: QueryConfig = { text, values, types };
      return (await availability.observe(pool.query(config))).rows as Row[];
    },
    migrate: async () => {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      // A connection lost mid-migration fails the running query; without a listener it would crash the process.
      client.on("error", () => {});
      await client.connect();
      try {
        const conn: MigrationConnection = {
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <Row>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as Row[],
        };
        return await applyMigrations(conn, readMigrations(findMigrationsDir()));
      } finally {
        await client.end();
      }
    },
    poolState: state,
    listen: (channel, handlers, logger) => listenOnPostgres(url, channel, handlers, logger, CONNECT_TIMEOUT_MS),
    snapshot: null,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * How long a write may wait to start its transaction (for a pooled connection, or for
 * PGlite's one) before it is refused as `server_busy`. Prisma's default, 2 s, refused
 * bursts a busy 2-core home server absorbs in a few seconds (30 parallel writes on 10
 * connections at load 11). On PostgreSQL the pool's own wait (CONNECT_TIMEOUT_MS) ends first.
 */
const TRANSACTION_MAX_WAIT_MS = 10_000;

function createPrisma(adapter: SqlDriverAdapterFactory, availability: DatabaseAvailability, maxWait: number): PrismaClient {
  return new PrismaClient({ adapter: countingAdapter(availability.watch(adapter)), transactionOptions: { maxWait } });
}
