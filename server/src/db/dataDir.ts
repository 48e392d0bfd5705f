/**
 * Checks that DATA_DIR can hold what Chorus keeps there (the generated JWT secret, the
 * embedded database) before anything is written, so a wrong path or a full disk stops
 * the start with one line saying what to do instead of a stack trace later.
 */
import { mkdirSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { StartupError } from "./startupError";

/** Free space below which the embedded database refuses to start: a fresh one takes about 40 MB. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

function diskFull(dir: string, free: number): StartupError {
  return new StartupError(
    `DATA_DIR ${dir}: the disk is full (${megabytes(free)} free, Chorus needs at least ${megabytes(MIN_FREE_BYTES)}); free some space or set DATA_DIR to a folder on another disk`,
  );
}

/** Creates `dir` if needed and proves it writable; throws a StartupError naming DATA_DIR otherwise. */
export function prepareDataDir(dir: string): void {
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, "ok");
    rmSync(probe, { force: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "ENOSPC" || code === "EDQUOT") throw diskFull(dir, 0);
    const reason = code ? `${code}: ${message.split(",")[0]}` : message;
    throw new StartupError(
      `DATA_DIR ${dir} cannot be created or written (${reason}); set DATA_DIR to a folder this user can write, or fix its permissions`,
    );
  }
}

/** Refuses to start the embedded database on a (nearly) full disk. */
export function checkFreeSpace(dir: string): void {
  const stats = statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  if (free < MIN_FREE_BYTES) throw diskFull(dir, free);
}
