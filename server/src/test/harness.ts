/**
 * Starts the real app on an ephemeral port with its own database: in-memory PGlite by
 * default, or a fresh database on the PostgreSQL server named by TEST_DATABASE_URL. Each
 * test file gets its own, so files never depend on each other.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createClient, type ChorusClient } from "@chorus/shared";
import { Client } from "pg";
import webPush from "web-push";
import { createApp } from "../app";
import type { AppConfig } from "../config";
import { openDatabase, type Database, type DatabaseOptions } from "../db/database";
import { answerClientErrorsAsJson } from "../http/clientError";
import type { AppDeps } from "../deps";
import { createLogger, type Logger } from "../logger";
import { createLiveHub } from "../realtime/hub";
import { createDestinationPolicy } from "../reminders/destinations";
import { createImpersonationNotices } from "../reminders/impersonationNotices";

export interface TestServer {
  baseUrl: string;
  db: Database;
  /** The test database's URL on PostgreSQL (to open a second connection, as another process would); undefined on PGlite. */
  databaseUrl: string | undefined;
  config: AppConfig;
  /** What the app was built from (route tables, the live-update hub). */
  deps: AppDeps;
  client(token?: string | null): ChorusClient;
  /** Raw fetch against /api/v1, for requests the SDK would never send. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Resolves once the server has read the head of the next request it receives (its body may still be on the way). */
  nextRequest(): Promise<IncomingMessage>;
  close(): Promise<void>;
}

const testVapidKeys = webPush.generateVAPIDKeys();

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: "127.0.0.1",
    dataDir: "/nonexistent",
    databaseUrl: undefined,
    databasePoolSize: 5,
    jwtSecret: randomBytes(32).toString("hex"),
    sessionTtlHours: 24,
    logLevel: "silent",
    trustProxy: false,
    webDistDir: undefined,
    authRateLimitPerMinute: 100_000,
    // Argon2's cost is not under test; keep hashing fast.
    passwordHashMemoryKib: 1024,
    exposeSqlCount: true,
    liveHeartbeatMs: 25_000,
    liveStreamLimits: { perSession: 10, perUser: 20, perProcess: 1000 },
    slowRequestMs: 1000,
    reminders: {
      vapid: { ...testVapidKeys, subject: "mailto:tests@chorus.test" },
      // Tests drive the scheduler with runOnce(now); no loop runs on its own.
      intervalSeconds: 0,
      overdueAfterMinutes: 60,
      // The test receivers listen on loopback, a private address reminders must be allowed to reach.
      destinations: createDestinationPolicy(["127.0.0.1"]),
      // Tests that send email start their own SMTP server and set this.
      smtp: null,
      telegramApiBase: "https://api.telegram.org",
    },
    photos: { maxUploadBytes: 8 * 1_048_576, retentionDays: 30 },
    backups: { intervalMs: null, dir: "/nonexistent/backups", keep: 7 },
    impersonationLimitMinutes: 60,
    impersonationMaxExtensions: 3,
    passwordLogin: true,
    sso: null,
    webauthn: null,
    ...overrides,
  };
}

/** Where globalSetup.ts keeps the PostgreSQL template database's name for the test files. */
export const TEMPLATE_DATABASE_ENV = "CHORUS_TEST_TEMPLATE_DATABASE";
/** The build's PGlite template (server/dist/pglite-template), which globalSetup.ts makes sure is there. */
export const PGLITE_TEMPLATE_DIR = path.resolve(__dirname, "../../dist/pglite-template");

/**
 * A fresh database on the server `adminUrl` points at, and a way to drop it: empty, or a
 * copy of the database named `template`.
 */
export async function createPostgresDatabase(
  adminUrl: string,
  { template, prefix = "chorus_test" }: { template?: string; prefix?: string } = {},
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => dropPostgresDatabase(adminUrl, name) };
}

export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // DROP DATABASE asks for a checkpoint, which fails while another test file has a
    // tablespace's disk full on purpose (db/dataDir.test.ts): wait for it to be freed.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        break;
      } catch (error) {
        if (attempt >= 30 || !(error as Error).message.includes("checkpoint request failed")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * A migrated database of the kind this test run targets, started from what globalSetup.ts
 * prepared: a copy of the template database on PostgreSQL, a copy of the build's template
 * on PGlite (in a temporary folder, nothing flushed). Migrations newer than the template
 * are applied, as at a server start.
 */
export async function openTestDatabase(
  options: Pick<DatabaseOptions, "transactionMaxWaitMs"> = {},
): Promise<{ db: Database; url: string | undefined; dispose(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = process.env[TEMPLATE_DATABASE_ENV];
    const pg = await createPostgresDatabase(adminUrl, template ? { template } : {});
    const db = await openDatabase({ databaseUrl: pg.url, poolSize: 5, ...options });
    await db.migrate();
    return {
      db,
      url: pg.url,
      dispose: async () => {
        await db.close();
        await pg.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "chorus-test-db-"));
  const db = await openDatabase({
    pgliteDir: path.join(dir, "pglite"),
    pgliteFsync: false,
    pgliteTemplateDir: PGLITE_TEMPLATE_DIR,
    ...options,
  });
  await db.migrate();
  return {
    db,
    url: undefined,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startTestServer(overrides: Partial<AppConfig> = {}, logger?: Logger): Promise<TestServer> {
  return serveTestApp(await openTestDatabase(), overrides, logger);
}

/** The real app on an ephemeral port over a test database; closing it ends its streams, then disposes of the database. */
export async function serveTestApp(
  { db, url, dispose }: { db: Database; url?: string; dispose: () => Promise<void> },
  overrides: Partial<AppConfig> = {},
  logger?: Logger,
): Promise<TestServer> {
  const config = testConfig(overrides);
  const appLogger = logger ?? createLogger(config.logLevel);
  const deps: AppDeps = {
    config,
    db,
    logger: appLogger,
    live: createLiveHub(db, appLogger, config),
    notices: createImpersonationNotices({ db, config, logger: appLogger }),
    checkResponses: true,
  };
  const app = createApp(deps);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  answerClientErrorsAsJson(server);
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    db,
    databaseUrl: url,
    config,
    deps,
    client: (token = null) => createClient({ baseUrl, token }),
    fetch: (path, init) => fetch(`${baseUrl}/api/v1${path}`, init),
    nextRequest: () => new Promise((resolve) => server.once("request", resolve)),
    close: async () => {
      await Promise.all([deps.live.close(), deps.notices.stop()]);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await dispose();
    },
  };
}

/**
 * A second app on the test server's database, as another server process behind a load
 * balancer would be: its own connection pool on PostgreSQL, the same PGlite on PGlite.
 */
export async function serveSecondApp(server: TestServer): Promise<{ apiUrl: string; close(): Promise<void> }> {
  const db = server.databaseUrl ? await openDatabase({ databaseUrl: server.databaseUrl, poolSize: 5 }) : server.db;
  const logger = createLogger("silent");
  const config = { ...testConfig(), jwtSecret: server.config.jwtSecret };
  const live = createLiveHub(db, logger, config);
  const notices = createImpersonationNotices({ db, config, logger });
  const listening = createApp({ config, db, logger, live, notices }).listen(0, "127.0.0.1");
  await new Promise((resolve) => listening.once("listening", resolve));
  const { port } = listening.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    close: async () => {
      await Promise.all([live.close(), notices.stop()]);
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
      if (db !== server.db) await db.close();
    },
  };
}

/** The error body of a raw response, typed for assertions. */
export async function readError(
  response: Response,
): Promise<{ code: string; message: string; details?: { fields?: Record<string, string> } }> {
  const body = (await response.json()) as { error: { code: string; message: string; details?: { fields?: Record<string, string> } } };
  return body.error;
}
