/**
 * Opens Chorus's database: embedded PGlite under DATA_DIR by default, or a real
 * PostgreSQL server when a URL is given. Both go through the same Prisma client and the
 * same migrations.
 */
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Client } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import type { Logger } from "../logger";
import { DatabaseAvailability } from "./availability";
import { lockDataDir } from "./dataDirLock";
import { applyMigrations, findMigrationsDir, readMigrations, type MigrationConnection, type MigrationResult } from "./migrations";
import { listenOnPostgres, type ListenHandlers, type Listening } from "./listener";
import { countingAdapter } from "./sqlCounter";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  migrate(): Promise<MigrationResult>;
  /** Receives NOTIFY payloads on `channel`, from this process or any other on the same database. */
  listen(channel: string, handlers: ListenHandlers, logger: Logger): Promise<Listening>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… for a real server; absent for embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `null` keeps them in memory (tests). */
  pgliteDir?: string | null;
  /** Connections in the pool for PostgreSQL. */
  poolSize?: number;
  /** Where outages are reported (one line when one starts, one when it ends). */
  logger?: Logger;
}

/** How long opening a PostgreSQL connection may take: an unreachable server fails requests fast. */
const CONNECT_TIMEOUT_MS = 5000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const availability = new DatabaseAvailability(options.logger);
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, availability)
    : openPglite(options.pgliteDir ?? null, availability);
}

async function openPglite(dir: string | null, availability: DatabaseAvailability): Promise<Database> {
  let unlock = () => {};
  if (dir) {
    mkdirSync(path.dirname(dir), { recursive: true });
    unlock = lockDataDir(`${dir}.lock`);
  }
  const pglite = new PGlite(dir ?? undefined);
  await pglite.waitReady.catch((error: unknown) => {
    unlock();
    throw error;
  });
  const prisma = createPrisma(new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory, availability);
  const conn: MigrationConnection = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row>(sql: string, params: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
  };
  return {
    prisma,
    kind: "pglite",
    migrate: () => applyMigrations(conn, readMigrations(findMigrationsDir())),
    // One process owns the data directory, so notifications never come from elsewhere.
    listen: async (channel, handlers) => {
      const unlisten = await pglite.listen(channel, handlers.onNotification);
      return { close: () => unlisten() };
    },
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, poolSize: number, availability: DatabaseAvailability): Promise<Database> {
  const prisma = createPrisma(
    new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
    availability,
  );
  return {
    prisma,
    kind: "postgres",
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
    listen: (channel, handlers, logger) => listenOnPostgres(url, channel, handlers, logger),
    close: () => prisma.$disconnect(),
  };
}

function createPrisma(adapter: SqlDriverAdapterFactory, availability: DatabaseAvailability): PrismaClient {
  return new PrismaClient({ adapter: countingAdapter(availability.watch(adapter)) });
}

