/**
 * `pnpm bench:impersonation`: is impersonation cheap? Starts the built server (PGlite,
 * and PostgreSQL too when BENCH_DATABASE_URL is set; a scratch database is created there
 * and dropped), seeds a circle with 50 chores, and drives GET /chores side by side with
 * autocannon:
 *   plain        — the member lists their own chores (`?assignedTo=me`)
 *   impersonated — an admin lists the same member's chores with X-Impersonate-User-ID
 * Both return the same chores, so the difference is the cost of impersonating. Rounds
 * alternate A/B to cancel drift; it prints requests/s, the ratio, and SQL statements per
 * request (counted by the server: X-SQL-Statements).
 */
import { createClient } from "@chorus/shared";
import {
  alternate,
  CONNECTIONS,
  newDataDir,
  removeDir,
  ROUNDS,
  scratchDatabase,
  SECONDS,
  seedCircle,
  startChorus,
  type Target,
} from "./common";

const CHORES = 50;
const TARGET = 0.95;

async function probe(target: Target): Promise<{ statements: number; chores: number }> {
  const response = await fetch(target.url, { headers: target.headers });
  const body = (await response.json()) as { chores: unknown[] };
  return { statements: Number(response.headers.get("x-sql-statements")), chores: body.chores.length };
}

async function benchmark(label: string, databaseUrl: string | undefined) {
  const dataDir = newDataDir();
  const server = await startChorus({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? "", CHORUS_EXPOSE_SQL_COUNT: "true" });
  try {
    const seeded = await seedCircle(server.baseUrl, CHORES);
    // Acting as the member is an impersonation session of the admin's sign-in (decision 0012):
    // started here, so the measured requests are the steady state, not the one that starts it.
    await createClient({ baseUrl: server.baseUrl, token: seeded.adminToken }).impersonation.start({
      userId: seeded.memberId,
      reason: "benchmark",
    });
    const pid = server.child.pid!;
    const plain: Target = {
      label: "plain",
      url: `${server.baseUrl}/api/v1/chores?assignedTo=me`,
      headers: { Authorization: `Bearer ${seeded.memberToken}` },
      pid,
    };
    const impersonated: Target = {
      label: "impersonated",
      url: `${server.baseUrl}/api/v1/chores`,
      headers: { Authorization: `Bearer ${seeded.adminToken}`, "X-Impersonate-User-ID": String(seeded.memberId) },
      pid,
    };
    const plainProbe = await probe(plain);
    const actingProbe = await probe(impersonated);
    if (plainProbe.chores !== actingProbe.chores) throw new Error("plain and impersonated lists differ");
    const [plainRound, actingRound] = await alternate([plain, impersonated]);
    const ratio = actingRound!.rps / plainRound!.rps;
    const extraSql = actingProbe.statements - plainProbe.statements;
    console.log(
      `\n${label}: GET /chores, ${plainProbe.chores} of ${CHORES} chores, ` +
        `${CONNECTIONS} connections, ${ROUNDS}×${SECONDS}s each, alternating`,
    );
    console.log(`  plain          ${plainRound!.rps.toFixed(0).padStart(7)} req/s   ${plainProbe.statements} SQL statements/request`);
    console.log(`  impersonated   ${actingRound!.rps.toFixed(0).padStart(7)} req/s   ${actingProbe.statements} SQL statements/request`);
    console.log(`  ratio impersonated/plain: ${ratio.toFixed(3)} (target ≥ ${TARGET})   extra SQL: ${extraSql} (target 0)`);
    return ratio >= TARGET && extraSql === 0;
  } finally {
    await server.stop();
    removeDir(dataDir);
  }
}

async function main() {
  let ok = await benchmark("PGlite (embedded)", undefined);
  if (process.env.BENCH_DATABASE_URL) {
    const scratch = await scratchDatabase(process.env.BENCH_DATABASE_URL);
    try {
      ok = (await benchmark("PostgreSQL", scratch.url)) && ok;
    } finally {
      await scratch.drop();
    }
  }
  console.log(ok ? "\nimpersonation overhead within target" : "\nimpersonation overhead OUTSIDE target");
  if (!ok && process.env.BENCH_STRICT === "1") process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
