#!/usr/bin/env node
// `npm start` and `npm test` for a newcomer with only Node and npm: installs the
// workspace with pnpm (fetched through npx when it is not installed), generates the
// Prisma client, then builds and starts Chorus, or runs every test suite.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isBuildCurrent, recordBuild } from "./build-stamp.mjs";
import { serveCommand } from "./serve-command.cjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Chorus needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
  if (probe.status === 0 && Number(probe.stdout.split(".")[0]) >= 10) return ["pnpm"];
  return ["npx", "--yes", "pnpm@12"];
}

const pnpm = pnpmCommand();

function run(args, env = {}) {
  const [command, ...rest] = [...pnpm, ...args];
  const result = spawnSync(command, rest, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function installIfNeeded() {
  const marker = path.join(root, "node_modules", ".modules.yaml");
  const lock = path.join(root, "pnpm-lock.yaml");
  if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    run(["install", "--frozen-lockfile"]);
  }
}

/** Builds unless the build outputs exist and were made from these very sources. */
function buildIfChanged() {
  if (isBuildCurrent(root)) {
    console.log("Build is up to date.");
    return;
  }
  run(["build"]);
  recordBuild(root);
}

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const command = process.argv[2];
installIfNeeded();

if (command === "start") {
  buildIfChanged();
  // The `serve` script holds the environment and Node flags the server runs with; a
  // variable the user already set wins.
  const { env, args } = serveCommand(root);
  const server = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...env, ...process.env } });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
} else if (command === "test") {
  run(["test:all"]);
  if (existsSync(chromium)) {
    buildIfChanged();
    // The browser tests run one file at a time and leave a core idle: CI (.ci/run) names a
    // command to run beside them (the server suite against PostgreSQL); both must pass.
    const beside = process.env.CHORUS_TEST_BESIDE_BROWSER;
    const besideExit = beside
      ? new Promise((resolve) => spawn("bash", ["-c", beside], { cwd: root, stdio: "inherit" }).on("exit", (code) => resolve(code ?? 1)))
      : Promise.resolve(0);
    // Built just above; the e2e setup would otherwise build again (and needs pnpm on PATH to).
    const [command, ...rest] = [...pnpm, "test:e2e"];
    const e2e = spawnSync(command, rest, { cwd: root, stdio: "inherit", env: { ...process.env, CHORUS_E2E_SKIP_BUILD: "1" } });
    const besideCode = await besideExit;
    if (e2e.status !== 0 || besideCode !== 0) {
      console.error(`Browser tests exit ${e2e.status}${beside ? `, the command beside them exit ${besideCode}` : ""}`);
      process.exit(e2e.status !== 0 ? (e2e.status ?? 1) : besideCode);
    }
  } else {
    console.log(`\nBrowser tests skipped: no Chromium at ${chromium} (install Debian's chromium, or set CHROMIUM_PATH).`);
  }
} else {
  console.error("usage: node scripts/run.mjs start|test");
  process.exit(2);
}
