/**
 * Starts Chorus: validate configuration, open the database (PGlite under DATA_DIR unless
 * DATABASE_URL is set), apply pending migrations, listen, and shut down cleanly.
 */
import path from "node:path";
import { createApp } from "./app";
import { createInstanceBackups } from "./backup/instance";
import { ConfigError, loadConfig, type AppConfig } from "./config";
import { retryWhileUnavailable } from "./db/availability";
import { openDatabase } from "./db/database";
import { describeFailure, isStorageFull } from "./db/failures";
import { StartupError } from "./db/startupError";
import { answerClientErrorsAsJson } from "./http/clientError";
import { handlersIdle } from "./http/route";
import { trackUnfinishedUploads } from "./http/uploads";
import { createLogger, type Logger } from "./logger";
import { openLogOutput } from "./logOutput";
import { createLiveHub } from "./realtime/hub";
import { createImpersonationNotices } from "./reminders/impersonationNotices";
import { createReminderScheduler } from "./reminders/scheduler";

/** At shutdown, how long a request body still arriving gets before its connection is cut. */
const UPLOAD_GRACE_MS = 1_000;
/** How long an exit waits for log lines still being written (a slow or stalled reader). */
const LOG_SETTLE_MS = 500;

/** Stops with one line saying what to fix: a wrong setting or a full disk is not a crash. */
function refuseToStart(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

/** Opens the database, waiting for PostgreSQL if it is not up yet, and applies migrations. */
async function openAndMigrate(config: AppConfig, logger: Logger) {
  try {
    const db = await openDatabase({
      databaseUrl: config.databaseUrl,
      poolSize: config.databasePoolSize,
      pgliteDir: path.join(config.dataDir, "pglite"),
      logger,
    });
    return { db, migrations: await retryWhileUnavailable(() => db.migrate(), logger) };
  } catch (error) {
    if (error instanceof StartupError) refuseToStart(error.message);
    if (isStorageFull(error)) {
      const where = config.databaseUrl ? "on the PostgreSQL server" : `under DATA_DIR ${config.dataDir}`;
      refuseToStart(`The disk ${where} is full (${describeFailure(error)}); free some space and start again`);
    }
    throw error;
  }
}

async function main() {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) refuseToStart(error.message, 2);
    if (error instanceof StartupError) refuseToStart(error.message);
    throw error;
  }
  const { config, notes } = loaded;
  // Whatever else writes to standard output or error (console, libraries): a reader that
  // went away must not turn into an uncaught exception (Node's console already ignores it).
  process.stdout.on("error", () => {});
  process.stderr.on("error", () => {});
  const output = openLogOutput(1);
  // A person at a terminal gets readable lines; a service manager or collector gets JSON.
  // isTTY is undefined, not false, off a terminal, whatever @types/node says.
  // oxlint-disable-next-line typescript/no-unnecessary-boolean-literal-compare
  const logger = createLogger(config.logLevel, { pretty: process.stdout.isTTY === true, destination: output.stream });
  // Gives the last lines a moment to reach a slow reader, never longer: the exit must happen.
  const exit = (code: number) => void output.settle(LOG_SETTLE_MS).then(() => process.exit(code));
  for (const note of notes) logger.warn(note);
  // A bug must leave a trace before the process dies.
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception");
    exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled promise rejection");
    exit(1);
  });

  const { db, migrations } = await openAndMigrate(config, logger);
  logger.info({ db: db.kind, applied: migrations.applied, alreadyApplied: migrations.alreadyApplied }, "database ready");

  const live = createLiveHub(db, logger, config);
  // Every process may run them: the database makes sure each reminder and notice goes out once.
  const notices = createImpersonationNotices({ config, db, logger });
  const app = createApp({ config, db, logger, live, notices });
  const reminders = createReminderScheduler({ config, db, logger });
  reminders.start();
  notices.start();
  // Embedded only: the process holding the data directory is the one that can copy it.
  const backups = createInstanceBackups({ config, db, logger });
  await backups.start();
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ port, web: config.webDistDir ?? null }, `Chorus is listening on http://localhost:${port}`);
  });
  // A request must arrive whole within 30 s: slow uploads cannot hold a handler open.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  answerClientErrorsAsJson(server);
  const uploads = trackUnfinishedUploads(server);
  server.on("error", (error) => {
    logger.fatal({ err: error }, "could not listen");
    exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Past this, a client still sending a body keeps nothing open: exit anyway (the data
    // directory lock is released by its exit hook).
    const force = setTimeout(() => {
      logger.warn("shutdown took longer than 10 s: exiting anyway");
      exit(1);
    }, 10_000);
    force.unref();
    // A body still arriving after a second's grace is not going to make it: cut it.
    setTimeout(() => uploads.drop(), UPLOAD_GRACE_MS).unref();
    // Open event streams would hold the server open until the forced exit: end them now
    // (clients reconnect to another process, or to this one once it is back).
    const streamsClosed = live.close();
    const finish = async () => {
      await Promise.all([handlersIdle(), reminders.stop(), notices.stop(), backups.stop()]);
      await streamsClosed;
      await db.close();
      logger.info("stopped");
      exit(0);
    };
    server.close(() => void finish());
    server.closeIdleConnections();
    // Ended streams leave their connections idle only once the last bytes are written.
    void streamsClosed.then(() => server.closeIdleConnections());
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

void main();
