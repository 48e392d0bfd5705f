/**
 * PGlite is one PostgreSQL backend inside one process: a second process opening the same
 * folder (a second `npm start`, or `pnpm db:migrate` while the server runs) would corrupt
 * it. A lock file holding the owner's pid keeps it to one; a lock left by a process that
 * no longer exists is taken over.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";

export class DataDirInUseError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock at `lockPath`; returns its release. Throws DataDirInUseError if a live process holds it. */
export function lockDataDir(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new DataDirInUseError(
          `Another Chorus process (pid ${owner}) is using this data directory; stop it first, or use another DATA_DIR`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${lockPath}`);
}
