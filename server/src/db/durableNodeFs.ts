/**
 * PGlite's Node filesystem with a working fsync. PGlite 0.5 starts PostgreSQL with `-F`
 * (fsync off), and even with fsync on nothing would reach the disk: in Emscripten's
 * NODEFS, `fdatasync()` is a stub and `fsync()` calls a `stream_ops.fsync` that NODEFS
 * does not define. This gives NODEFS that operation (a real `fs.fsyncSync` on the file
 * or directory under DATA_DIR), so PostgreSQL's own durability rules apply: the WAL is
 * flushed before COMMIT returns, data files at checkpoints, directories after renames.
 * PostgreSQL must run with `fsync=on` and `wal_sync_method=fsync` (see database.ts).
 */
import { closeSync, fsyncSync, openSync, readdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** The parts of Emscripten's NODEFS this file touches. */
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: { nfd: number }) => number };
  tryFSOperation<T>(operation: () => T): T;
}

type EmscriptenOptions = Awaited<ReturnType<NodeFS["init"]>>["emscriptenOpts"];

export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: EmscriptenOptions) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod: { NODEFS: unknown }) => {
        const nodefs = mod.NODEFS as EmscriptenNodeFs;
        // stream_ops is one object shared by every NODEFS file, so this covers them all.
        nodefs.stream_ops.fsync = (stream) =>
          nodefs.tryFSOperation(() => {
            fsyncSync(stream.nfd);
            return 0;
          });
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

/** fsyncs every file and directory under `dir`, then `dir` itself. */
export function fsyncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) fsyncTree(child);
    else fsyncPath(child);
  }
  fsyncPath(dir);
}

export function fsyncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
