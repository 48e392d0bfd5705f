/**
 * New PGlite data directories. Running initdb at first start takes a second WebAssembly
 * PostgreSQL (hundreds of MB of memory) and seconds, then every migration follows;
 * instead the build makes a migrated data directory once (the template, next to the
 * bundle) and a first start copies it: under a temporary name, fsynced, then renamed into
 * place, so a crash or power cut during a first start never leaves half a database.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fsyncPath, fsyncTree } from "./durableNodeFs";
import type { Migration } from "./migrations";

/** What a template was made from; a template made by another PGlite version is not used. */
interface TemplateStamp {
  pglite: string;
  migrations: string;
}

function pgliteVersion(): string {
  // The package does not export its package.json; it sits above dist/.
  const entry = require.resolve("@electric-sql/pglite");
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

function stampFor(migrations: Migration[]): TemplateStamp {
  const hash = createHash("sha256");
  for (const migration of migrations) hash.update(`${migration.name}:${migration.checksum}\n`);
  return { pglite: pgliteVersion(), migrations: hash.digest("hex") };
}

function readStamp(templateDir: string): TemplateStamp | null {
  const file = `${templateDir}.json`;
  return existsSync(file) && existsSync(templateDir) ? (JSON.parse(readFileSync(file, "utf8")) as TemplateStamp) : null;
}

/** True when `templateDir` holds a template this PGlite can open (its migrations may be older). */
export function isUsableTemplate(templateDir: string | null): templateDir is string {
  return templateDir !== null && readStamp(templateDir)?.pglite === pgliteVersion();
}

/** Makes the data directory `dir` a copy of the template; `fsync` false (test databases) flushes nothing. */
export function copyTemplate(templateDir: string, dir: string, fsync = true): void {
  const staging = `${dir}.new`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(templateDir, staging, { recursive: true });
  if (fsync) fsyncTree(staging);
  renameSync(staging, dir);
  if (fsync) fsyncPath(path.dirname(dir));
}

/**
 * Builds the template at `templateDir` with `migrate` (which opens a database in the given
 * folder and applies every migration), unless the one there was made from the same PGlite
 * and migrations. Returns whether it built one.
 */
export async function buildTemplate(
  templateDir: string,
  migrations: Migration[],
  migrate: (dir: string) => Promise<void>,
): Promise<boolean> {
  const stamp = stampFor(migrations);
  const current = readStamp(templateDir);
  if (current?.pglite === stamp.pglite && current.migrations === stamp.migrations) return false;
  rmSync(`${templateDir}.json`, { force: true });
  const building = `${templateDir}.building`;
  rmSync(building, { recursive: true, force: true });
  await migrate(building);
  rmSync(templateDir, { recursive: true, force: true });
  renameSync(building, templateDir);
  writeFileSync(`${templateDir}.json`, `${JSON.stringify(stamp)}\n`);
  return true;
}
