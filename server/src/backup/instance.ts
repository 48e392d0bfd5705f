/**
 * Backups of the embedded database taken inside the server process that holds it
 * (decision 0042): PGlite's data directory is locked by that process, so `npm run backup`
 * asks it over a Unix socket in DATA_DIR (reachable only by whoever may read DATA_DIR, i.e.
 * whoever could copy the database anyway), and scheduled backups (BACKUP_INTERVAL) run here
 * too. One backup at a time: each one waits for the one before it.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync, chmodSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { AppConfig } from "../config";
import type { Database } from "../db/database";
import { fsyncPath } from "../db/durableNodeFs";
import type { Logger } from "../logger";
import { packArchive } from "./archive";

/** The socket `npm run backup` asks a running embedded server through. */
export const controlSocketPath = (dataDir: string) => path.join(dataDir, "backup.sock");
/** Unix socket paths are limited to 107 bytes on Linux (103 on macOS). */
const MAX_SOCKET_PATH = 100;
/** Scheduled backups are named so; retention deletes only these, never a backup someone took by hand. */
const SCHEDULED_PREFIX = "chorus-auto-";

export const backupFileName = (now: Date, prefix = "chorus-") => `${prefix}${now.toISOString().replace(/[:.]/g, "-")}.tar.gz`;

/** Writes `bytes` to `file` under a temporary name, flushed, then renamed: never half a backup under its real name. */
export function writeFileAtomically(file: string, bytes: Buffer): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, "w", 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
  fsyncPath(path.dirname(file));
}

/** Deletes the oldest scheduled backups in `dir` beyond `keep`; returns the names deleted. */
export function pruneScheduledBackups(dir: string, keep: number): string[] {
  // ISO timestamps in the names sort in time order.
  const scheduled = readdirSync(dir)
    .filter((name) => name.startsWith(SCHEDULED_PREFIX) && name.endsWith(".tar.gz"))
    .sort();
  const doomed = scheduled.slice(0, Math.max(0, scheduled.length - keep));
  for (const name of doomed) rmSync(path.join(dir, name), { force: true });
  return doomed;
}

export interface InstanceBackups {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createInstanceBackups({ config, db, logger }: { config: AppConfig; db: Database; logger: Logger }): InstanceBackups {
  const snapshot = db.snapshot;
  if (!snapshot) return { start: async () => {}, stop: async () => {} };
  let queue: Promise<unknown> = Promise.resolve();
  const archive = (): Promise<Buffer> => {
    const next = queue.then(async () => packArchive(await snapshot(), config.dataDir));
    queue = next.catch(() => {});
    return next;
  };

  let scheduledRunning = false;
  const scheduled = async () => {
    // A tick arriving while the last one still runs (a slow disk) is skipped, not queued.
    if (scheduledRunning) return;
    scheduledRunning = true;
    try {
      mkdirSync(config.backups.dir, { recursive: true });
      const file = path.join(config.backups.dir, backupFileName(new Date(), SCHEDULED_PREFIX));
      writeFileAtomically(file, await archive());
      const pruned = pruneScheduledBackups(config.backups.dir, config.backups.keep);
      logger.info({ file, pruned }, "scheduled backup written");
    } catch (error) {
      logger.error({ err: error }, "scheduled backup failed");
    } finally {
      scheduledRunning = false;
    }
  };

  const socketPath = controlSocketPath(config.dataDir);
  let control: Server | null = null;
  let timer: NodeJS.Timeout | null = null;
  return {
    start: async () => {
      if (config.backups.intervalMs !== null) {
        timer = setInterval(() => void scheduled(), config.backups.intervalMs);
        timer.unref();
      }
      if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
        logger.warn(
          { socketPath },
          "DATA_DIR's path is too long for the backup socket: npm run backup works only while the server is stopped",
        );
        return;
      }
      // We hold the data directory's lock: a socket file left here is from a crashed earlier run.
      rmSync(socketPath, { force: true });
      const server = createServer((req, res) => {
        if (req.method !== "GET" || req.url !== "/backup") {
          res.writeHead(404).end();
          return;
        }
        archive().then(
          (bytes) => res.writeHead(200, { "Content-Type": "application/gzip", "Content-Length": bytes.length }).end(bytes),
          (error: unknown) => {
            logger.error({ err: error }, "backup failed");
            res.writeHead(500, { "Content-Type": "text/plain" }).end(`backup failed: ${(error as Error).message}`);
          },
        );
      });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(socketPath, resolve);
      });
      chmodSync(socketPath, 0o600);
      control = server;
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      const server = control;
      control = null;
      if (server) {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        rmSync(socketPath, { force: true });
      }
      // Whatever backup is under way finishes before the database closes.
      await queue;
    },
  };
}
