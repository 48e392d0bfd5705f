#!/usr/bin/env node
// Runs the Prisma CLI the way our machines need it: no engine downloads, a parsable
// DATABASE_URL always present (an unset one makes the CLI try to fetch a query engine),
// and no advisory lock (PGlite, used by prisma.config.ts, has a single connection).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://chorus@localhost:5432/chorus",
  PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
