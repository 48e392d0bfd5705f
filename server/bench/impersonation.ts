/**
 * `pnpm bench:impersonation`: is impersonation cheap? Starts the built server (PGlite,
 * and PostgreSQL too when BENCH_DATABASE_URL is set), seeds a circle with 50 chores, and
 * drives GET /chores side by side with autocannon:
 *   plain        — the member lists their own chores (`?assignedTo=me`)
 *   impersonated — an admin lists the same member's chores with X-Impersonate-User-ID
 * Both return the same chores, so the difference is the cost of impersonating. Rounds
 * alternate A/B to cancel drift; it prints requests/s, the ratio, and SQL statements per
 * request (counted by the server: X-SQL-Statements).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { createClient } from "@chorus/shared";
import { repoRoot, serveArgs } from "../src/test/builtServer";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const CHORES = 50;

interface Target {
  label: string;
  headers: Record<string, string>;
  path: string;
}

async function startServer(env: Record<string, string>): Promise<{ baseUrl: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-bench-"));
  const port = 30000 + Math.floor(Math.random() * 20000);
  // Started as `npm start` starts it: the root `serve` script's Node flags.
  const child = spawn(process.execPath, serveArgs(), {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "error",
      CHORUS_EXPOSE_SQL_COUNT: "true",
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return { baseUrl, child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error("server did not start within 30 s");
}

async function seed(baseUrl: string) {
  const stamp = Date.now().toString(36);
  const admin = await createClient({ baseUrl }).auth.signup({
    username: `bench_admin_${stamp}`,
    email: `admin_${stamp}@bench.test`,
    password: "benchmark password",
  });
  const adminClient = createClient({ baseUrl, token: admin.token });
  const member = await createClient({ baseUrl }).auth.signup({
    username: `bench_member_${stamp}`,
    email: `member_${stamp}@bench.test`,
    password: "benchmark password",
  });
  const memberClient = createClient({ baseUrl, token: member.token });
  await memberClient.circles.join({ inviteCode: (await adminClient.circles.current()).inviteCode! });
  await adminClient.circles.accept(member.user.id);
  for (let i = 0; i < CHORES; i += 1) {
    await adminClient.chores.create({
      name: `Chore ${i + 1}`,
      frequency: i % 2 ? { type: "weekly", weekdays: [1, 4] } : { type: "daily" },
      nextDueDate: new Date(Date.now() + i * 3600_000).toISOString(),
      assignees: i % 2 ? [member.user.id, admin.user.id] : [member.user.id],
      labels: ["bench"],
      points: i % 5,
    });
  }
  // Acting as the member is an impersonation session of the admin's sign-in (decision 0012):
  // started here, so the measured requests are the steady state, not the one that starts it.
  await adminClient.impersonation.start({ userId: member.user.id, reason: "benchmark" });
  return { adminToken: admin.token, memberToken: member.token, memberId: member.user.id };
}

async function measure(baseUrl: string, target: Target): Promise<number> {
  const result = await autocannon({
    url: `${baseUrl}/api/v1${target.path}`,
    headers: target.headers,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.label}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function probe(baseUrl: string, target: Target): Promise<{ statements: number; chores: number }> {
  const response = await fetch(`${baseUrl}/api/v1${target.path}`, { headers: target.headers });
  const body = (await response.json()) as { chores: unknown[] };
  return { statements: Number(response.headers.get("x-sql-statements")), chores: body.chores.length };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function benchmark(label: string, env: Record<string, string>) {
  const server = await startServer(env);
  try {
    const { adminToken, memberToken, memberId } = await seed(server.baseUrl);
    const plain: Target = { label: "plain", path: "/chores?assignedTo=me", headers: { Authorization: `Bearer ${memberToken}` } };
    const impersonated: Target = {
      label: "impersonated",
      path: "/chores",
      headers: { Authorization: `Bearer ${adminToken}`, "X-Impersonate-User-ID": String(memberId) },
    };
    const plainProbe = await probe(server.baseUrl, plain);
    const actingProbe = await probe(server.baseUrl, impersonated);
    if (plainProbe.chores !== actingProbe.chores) throw new Error("plain and impersonated lists differ");
    await measure(server.baseUrl, plain); // warm-up
    const plainRuns: number[] = [];
    const actingRuns: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      plainRuns.push(await measure(server.baseUrl, plain));
      actingRuns.push(await measure(server.baseUrl, impersonated));
    }
    const plainRps = median(plainRuns);
    const actingRps = median(actingRuns);
    const ratio = actingRps / plainRps;
    const extraSql = actingProbe.statements - plainProbe.statements;
    console.log(`\n${label}: GET /chores, ${plainProbe.chores} of ${CHORES} chores, ${CONNECTIONS} connections, ${ROUNDS}×${SECONDS}s each`);
    console.log(`  plain          ${plainRps.toFixed(0).padStart(7)} req/s   ${plainProbe.statements} SQL statements/request`);
    console.log(`  impersonated   ${actingRps.toFixed(0).padStart(7)} req/s   ${actingProbe.statements} SQL statements/request`);
    console.log(`  ratio impersonated/plain: ${ratio.toFixed(3)} (target ≥ 0.85)   extra SQL: ${extraSql} (target ≤ 1)`);
    return ratio >= 0.85 && extraSql <= 1;
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

async function main() {
  let ok = await benchmark("PGlite (embedded)", { DATABASE_URL: "" });
  if (process.env.BENCH_DATABASE_URL) {
    ok = (await benchmark("PostgreSQL", { DATABASE_URL: process.env.BENCH_DATABASE_URL })) && ok;
  }
  console.log(ok ? "\nimpersonation overhead within target" : "\nimpersonation overhead OUTSIDE target");
  if (!ok && process.env.BENCH_STRICT === "1") process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
