/**
 * `pnpm bench:ceiling`: how close does Chorus's GET /chores come to the least a server can
 * do for it? Starts the built Chorus server (as `npm start` does, no SQL counting) and the
 * bare server of bareServer.ts (Express, the same JWT check, the same two SQL statements,
 * no ORM) with the same Node flags, on the same rows: for PGlite a copy of Chorus's data
 * directory made while it was stopped; for PostgreSQL (BENCH_DATABASE_URL, a scratch
 * database is created and dropped) the same database. Rounds alternate Chorus / bare and
 * the ratio of the medians is printed. Target: ≥ 0.80 on both. BENCH_BASELINE=<path to
 * another build's main.js> and/or BENCH_BASELINE_ENV="NAME=value …" add that build or
 * setting to the same alternation (before/after figures).
 */
import { cpSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import {
  alternate,
  baselineEnv,
  CONNECTIONS,
  newDataDir,
  removeDir,
  ROUNDS,
  scratchDatabase,
  SECONDS,
  seedCircle,
  startChorus,
  startProcess,
  withServeFlags,
  profileFlags,
  type Running,
  type Target,
} from "./common";

const CHORES = 50;
const TARGET = 0.8;

const BASELINE = process.env.BENCH_BASELINE;

async function chorusAndBare(label: string, databaseUrl: string | undefined) {
  const jwtSecret = randomBytes(32).toString("hex");
  const dirs = { chorus: newDataDir(), bare: newDataDir(), baseline: newDataDir() };
  const env = { JWT_SECRET: jwtSecret, DATA_DIR: dirs.chorus, DATABASE_URL: databaseUrl ?? "" };
  // Seeded first, then (for PGlite) copied while stopped: every server then holds the same rows.
  const seeding = await startChorus(env);
  const seeded = await seedCircle(seeding.baseUrl, CHORES);
  await seeding.stop();
  if (!databaseUrl) {
    cpSync(dirs.chorus, dirs.bare, { recursive: true });
    cpSync(dirs.chorus, dirs.baseline, { recursive: true });
  }
  const servers: { label: string; server: Running }[] = [];
  try {
    servers.push({ label: "Chorus", server: await startChorus(env) });
    const bareJs = path.join(__dirname, "bench-bare-server.js");
    servers.push({
      label: `bare Express + ${databaseUrl ? "pg" : "PGlite"}`,
      server: await startProcess([...profileFlags(), ...withServeFlags(bareJs)], { ...env, DATA_DIR: dirs.bare }, "/api/v1/chores"),
    });
    if (BASELINE || process.env.BENCH_BASELINE_ENV) {
      const baseline = { ...env, ...baselineEnv(), DATA_DIR: dirs.baseline };
      servers.push({ label: "Chorus (baseline)", server: await startChorus(baseline, BASELINE) });
    }
    const headers = { Authorization: `Bearer ${seeded.memberToken}` };
    const targets: Target[] = servers.map(({ label, server }) => ({
      label,
      url: `${server.baseUrl}/api/v1/chores`,
      headers,
      pid: server.child.pid!,
    }));
    for (const target of targets) {
      const listed = ((await (await fetch(target.url, { headers })).json()) as { chores: unknown[] }).chores.length;
      if (listed !== CHORES) throw new Error(`${target.label}: expected ${CHORES} chores, got ${listed}`);
    }
    const rounds = await alternate(targets);
    const bare = rounds[1]!;
    console.log(`\n${label}: GET /chores, ${CHORES} chores, ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS}s each, alternating`);
    for (const [index, target] of targets.entries()) {
      const { rps, cpuMsPerRequest } = rounds[index]!;
      console.log(
        `  ${target.label.padEnd(26)} ${rps.toFixed(0).padStart(7)} req/s  (${(rps / bare.rps).toFixed(3)} of bare)   ` +
          `${cpuMsPerRequest.toFixed(2)} ms CPU/request`,
      );
    }
    const ratio = rounds[0]!.rps / bare.rps;
    console.log(`  Chorus/bare: ${ratio.toFixed(3)} (target ≥ ${TARGET})`);
    return ratio >= TARGET;
  } finally {
    await Promise.all(servers.map(({ server }) => server.stop()));
    for (const dir of Object.values(dirs)) removeDir(dir);
  }
}

async function main() {
  let ok = process.env.BENCH_SKIP_PGLITE === "1" || (await chorusAndBare("PGlite (embedded)", undefined));
  if (process.env.BENCH_DATABASE_URL) {
    const scratch = await scratchDatabase(process.env.BENCH_DATABASE_URL);
    try {
      ok = (await chorusAndBare("PostgreSQL", scratch.url)) && ok;
    } finally {
      await scratch.drop();
    }
  } else {
    console.log("\n(set BENCH_DATABASE_URL=postgresql://… to measure PostgreSQL too)");
  }
  console.log(ok ? "\nceiling within target" : "\nceiling OUTSIDE target");
  if (!ok && process.env.BENCH_STRICT === "1") process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
