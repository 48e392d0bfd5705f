/**
 * The instance backup archive (decision 0042): one gzipped tar holding a manifest, the
 * embedded database as PGlite dumps it (`pglite.tar`) and the secrets Chorus generated into
 * DATA_DIR (the JWT secret and VAPID keys: without them sessions end and push
 * subscriptions stop working after a restore). Read whole into memory: a household's
 * database is a few MB, and a restore must validate everything before it writes anything.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { extract, pack } from "tar-stream";

export const ARCHIVE_FORMAT = "chorus-instance-backup";
export const ARCHIVE_VERSION = 1;
/** Files of DATA_DIR a backup carries besides the database. */
export const SECRET_FILES = ["jwt-secret", "vapid-keys.json"] as const;
const MANIFEST = "manifest.json";
const DATABASE = "pglite.tar";

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  createdAt: string;
  database: "pglite";
}

export interface Archive {
  manifest: Manifest;
  /** PGlite's tar of its data directory. */
  database: Buffer;
  /** DATA_DIR's secret files by name, those that existed. */
  secrets: Map<string, Buffer>;
}

export class InvalidArchiveError extends Error {}

/** Packs `database` (PGlite's dump) and DATA_DIR's secret files into a gzipped tar. */
export async function packArchive(database: Buffer, dataDir: string, now = new Date()): Promise<Buffer> {
  const manifest: Manifest = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: now.toISOString(), database: "pglite" };
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    tar.on("end", resolve);
    tar.on("error", reject);
  });
  tar.entry({ name: MANIFEST }, `${JSON.stringify(manifest)}\n`);
  tar.entry({ name: DATABASE }, database);
  for (const name of SECRET_FILES) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) tar.entry({ name, mode: 0o600 }, readFileSync(file));
  }
  tar.finalize();
  await ended;
  // The fastest level: most of the bytes are WAL segments PostgreSQL keeps ready (zeros or recycled pages), which squeeze well anyway.
  return gzipSync(Buffer.concat(chunks), { level: 1 });
}

/** Reads and checks an archive; throws InvalidArchiveError saying what is wrong with it. */
export async function unpackArchive(bytes: Buffer): Promise<Archive> {
  let tarBytes: Buffer;
  try {
    tarBytes = gunzipSync(bytes);
  } catch {
    throw new InvalidArchiveError("not a Chorus backup (not gzip data, or cut short)");
  }
  const entries = new Map<string, Buffer>();
  try {
    const reader = extract();
    const done = (async () => {
      for await (const entry of reader) {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        entries.set(entry.header.name, Buffer.concat(chunks));
      }
    })();
    Readable.from([tarBytes]).pipe(reader);
    await done;
  } catch {
    throw new InvalidArchiveError("not a Chorus backup (not a tar archive, or cut short)");
  }
  const manifest = parseManifest(entries.get(MANIFEST));
  const database = entries.get(DATABASE);
  if (!database || database.length === 0) throw new InvalidArchiveError(`the backup has no ${DATABASE}`);
  const secrets = new Map<string, Buffer>();
  for (const name of SECRET_FILES) {
    const content = entries.get(name);
    if (content) secrets.set(name, content);
  }
  return { manifest, database, secrets };
}

function parseManifest(bytes: Buffer | undefined): Manifest {
  if (!bytes) throw new InvalidArchiveError(`not a Chorus backup (no ${MANIFEST})`);
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(bytes.toString("utf8")) as Partial<Manifest>;
  } catch {
    throw new InvalidArchiveError(`not a Chorus backup (${MANIFEST} is not JSON)`);
  }
  if (manifest.format !== ARCHIVE_FORMAT) throw new InvalidArchiveError("not a Chorus backup (another format)");
  if (typeof manifest.version !== "number" || manifest.version > ARCHIVE_VERSION) {
    throw new InvalidArchiveError(
      `the backup's format version ${String(manifest.version)} is newer than this Chorus reads (${ARCHIVE_VERSION})`,
    );
  }
  return manifest as Manifest;
}
