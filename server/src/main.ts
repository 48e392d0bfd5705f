/**
 * Starts Chorus: validate configuration, open the database (PGlite under DATA_DIR unless
 * DATABASE_URL is set), apply pending migrations, listen, and shut down cleanly.
 */
import path from "node:path";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { DataDirInUseError } from "./db/dataDirLock";
import { openDatabase } from "./db/database";
import { handlersIdle } from "./http/route";
import { createLogger } from "./logger";
import { createReminderScheduler } from "./reminders/scheduler";

async function main() {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const { config, notes } = loaded;
  const logger = createLogger(config.logLevel);
  for (const note of notes) logger.warn(note);
  // A bug must leave a trace before the process dies.
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, "uncaught exception");
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    logger.fatal({ err: reason }, "unhandled promise rejection");
    process.exit(1);
  });

  let db;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, "pglite") });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    logger.fatal(error.message);
    process.exit(1);
  }
  const migrations = await db.migrate();
  logger.info({ db: db.kind, applied: migrations.applied, alreadyApplied: migrations.alreadyApplied }, "database ready");

  const app = createApp({ config, db, logger });
  // Every process may run it: the database makes sure each reminder goes out once.
  const reminders = createReminderScheduler({ config, db, logger });
  reminders.start();
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ port, web: config.webDistDir ?? null }, `Chorus is listening on http://localhost:${port}`);
  });
  // A request must arrive whole within 30 s: slow uploads cannot hold a handler open.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.on("error", (error) => {
    logger.fatal({ err: error }, "could not listen");
    process.exit(1);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await Promise.all([handlersIdle(), reminders.stop()]);
      await db.close();
      logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

void main();
