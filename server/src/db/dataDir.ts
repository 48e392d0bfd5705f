/**
 * Checks that DATA_DIR can hold what Chorus keeps there (the generated JWT secret, the
 * embedded database) before anything is written, so a wrong path or a full disk stops
 * the start with one line saying what to do instead of a stack trace later.
 */
import { existsSync, mkdirSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { StartupError } from "./startupError";

/** Free space below which the embedded database refuses to start: a fresh one takes about 40 MB. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

function diskFull(dir: string, free: number): StartupError {
  return new StartupError(
    `DATA_DIR ${dir}: the disk is full (${megabytes(free)} free, Chorus needs at least ${megabytes(MIN_FREE_BYTES)}); ` +
      "free some space or set DATA_DIR to a folder on another disk",
  );
}

/**
 * `mkdir -p`. Node's own `{ recursive: true }` loops forever where mkdir answers ENOENT
 * although the parent exists (under /proc), so walk up by hand.
 */
function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return; // a file there fails the write test below
    const parent = path.dirname(dir);
    if (code !== "ENOENT" || parent === dir || existsSync(parent)) throw error;
    makeDirectory(parent);
    mkdirSync(dir);
  }
}

/**
 * Creates `dir` if needed and proves it writable, and when it will hold the embedded
 * database, that its disk has room; throws a StartupError naming DATA_DIR otherwise.
 */
export function prepareDataDir(dir: string, { holdsDatabase }: { holdsDatabase: boolean }): void {
  const probe = path.join(dir, `.write-test-${process.pid}`);
  try {
    makeDirectory(dir);
    writeFileSync(probe, "ok");
    rmSync(probe, { force: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "ENOSPC" || code === "EDQUOT") throw diskFull(dir, 0);
    // "ENOTDIR: not a directory, mkdir '/x/y'": the path is said once already.
    const reason = message.split(", ")[0];
    throw new StartupError(
      `DATA_DIR ${dir} cannot be created or written (${reason}); set DATA_DIR to a folder this user can write, or fix its permissions`,
    );
  }
  if (holdsDatabase) checkFreeSpace(dir);
}

function checkFreeSpace(dir: string): void {
  const stats = statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  if (free < MIN_FREE_BYTES) throw diskFull(dir, free);
}
