/**
 * PGlite is one PostgreSQL backend inside one process: a second process opening the same
 * folder (a second `npm start`, or `pnpm db:migrate` while the server runs) would corrupt
 * it. A lock file names the owner; a lock whose owner is gone is taken over.
 *
 * "Gone" must survive crashes (kill -9, OOM, power loss), where nobody removes the file.
 * A pid alone is not enough: in a container Chorus is pid 1 on every start, and after a
 * reboot the pid may belong to anything. So the lock records the pid, that process's
 * start time and the boot id (Linux `/proc`), and is live only if a process with that pid
 * exists, is not this process, and started at the same moment of the same boot. Without
 * `/proc` (macOS, Windows) an existing pid other than ours counts as live.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { StartupError } from "./startupError";

export class DataDirInUseError extends StartupError {}

interface LockOwner {
  pid: number;
  /** `/proc/<pid>/stat` field 22, in clock ticks since boot; absent off Linux. */
  startTime?: string;
  bootId?: string;
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Who `pid` is: its start time and the boot it belongs to, or `{}` without /proc. */
function identify(pid: number): Omit<LockOwner, "pid"> {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (stat === undefined) return {};
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields
  // after the last ')'. The field after it is field 3, so field 22 is index 19.
  const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  const bootId = readOptional("/proc/sys/kernel/random/boot_id")?.trim();
  return { ...(startTime ? { startTime } : {}), ...(bootId ? { bootId } : {}) };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock's owner, or null when the file holds nothing usable (a torn write). */
function parseOwner(text: string): LockOwner | null {
  const trimmed = text.trim();
  // Locks written before start times were recorded hold a bare pid.
  if (/^[0-9]+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const owner = JSON.parse(trimmed) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null;
  }
}

function isLive(owner: LockOwner): boolean {
  // Our own pid in the file was written by an earlier life of this pid (a container
  // restarted after a crash): this process holds no lock it did not take itself.
  if (owner.pid === process.pid || !processExists(owner.pid)) return false;
  const now = identify(owner.pid);
  if (owner.startTime === undefined || now.startTime === undefined) return true;
  return owner.startTime === now.startTime && owner.bootId === now.bootId;
}

/** Locks this process holds, by path, with the text it wrote: released on any exit. */
const held = new Map<string, string>();

function release(lockPath: string): void {
  const mine = held.get(lockPath);
  if (mine === undefined) return;
  held.delete(lockPath);
  // Never remove a lock another process has since taken over.
  if (readOptional(lockPath) === mine) rmSync(lockPath, { force: true });
}

let exitHookInstalled = false;
function releaseAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Runs on process.exit() too (the forced exit of a shutdown that took too long), where
  // no async cleanup gets a chance; it must be synchronous.
  process.on("exit", () => {
    for (const lockPath of held.keys()) release(lockPath);
  });
}

/** Takes the lock at `lockPath`; returns its release. Throws DataDirInUseError if a live process holds it. */
export function lockDataDir(lockPath: string): () => void {
  if (held.has(lockPath)) {
    throw new DataDirInUseError("This process already has this data directory open");
  }
  const text = JSON.stringify({ pid: process.pid, ...identify(process.pid) });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, "wx");
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      held.set(lockPath, text);
      releaseAllOnExit();
      return () => release(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const stale = readOptional(lockPath) ?? "";
      const owner = parseOwner(stale);
      if (owner && isLive(owner)) {
        throw new DataDirInUseError(
          `Another Chorus process (pid ${owner.pid}) is using this data directory; stop it first, or use another DATA_DIR`,
        );
      }
      // Unless another starting process replaced it meanwhile: then the next attempt sees theirs.
      if (readOptional(lockPath) === stale) rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${lockPath}`);
}
