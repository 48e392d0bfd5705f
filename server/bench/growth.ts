/**
 * `pnpm bench:growth`: does a circle's latency stay flat as its data grows? One database
 * (PGlite, and a scratch database on PostgreSQL when BENCH_DATABASE_URL is set) holds
 * small and large circles side by side, seeded with SQL (generate_series), and the built
 * server answers the real endpoints for each in alternating rounds:
 *   GET /chores (all, and ?assignedTo=me: 10 of them) in circles of 50, 500 and 5,000 chores
 *   GET /chores/:id/history (first page) for a chore with 100 and one with 100,000 rows
 *   GET /circles/current/audit (first page, a page deep in the log, one filtered by
 *   action) in circles of 1,000 and 1,000,000 events
 * It prints p50 per request, the large/small ratios, SQL statements per request (the
 * server's X-SQL-Statements) and rows returned. BENCH_SCALE=0.1 divides every size by 10.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@chorus/shared";
import { openDatabase } from "../src/db/database";
import { startBuiltServer, type BuiltServer } from "../src/test/builtServer";
import { createPostgresDatabase } from "../src/test/harness";

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
const CHORE_SIZES = [50, 500, 5_000].map((n) => Math.max(20, Math.round(n * SCALE)));
const HISTORY_SIZES = [100, 100_000].map((n) => Math.max(60, Math.round(n * SCALE)));
const AUDIT_SIZES = [1_000, 1_000_000].map((n) => Math.max(200, Math.round(n * SCALE)));
/** Chores assigned to the circle's admin (`?assignedTo=me`); the rest go to another member. */
const MINE = 10;

interface Circle {
  label: string;
  token: string;
  userId: number;
  circleId: number;
}

interface Target {
  label: string;
  group: string;
  path: string;
  token: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function signUp(baseUrl: string, label: string): Promise<Circle> {
  const stamp = `${label}_${Date.now().toString(36)}`;
  const { token, user } = await createClient({ baseUrl }).auth.signup({
    username: `bench_${stamp}`.slice(0, 32),
    email: `${stamp}@bench.test`,
    password: "benchmark password",
  });
  return { label, token, userId: user.id, circleId: user.circleId! };
}

/** Chores 1..`count` in `circle`: the first MINE assigned to its admin, the others to a second member. */
function seedChores(circle: Circle, count: number): string {
  return `
    WITH other AS (
      INSERT INTO "User" ("username", "displayName", "updatedAt") VALUES ('other_${circle.circleId}', 'Other', now()) RETURNING "id"
    ), member AS (
      INSERT INTO "Membership" ("userId", "circleId", "role", "status", "updatedAt")
      SELECT "id", ${circle.circleId}, 'member', 'active', now() FROM other RETURNING "userId"
    ), chores AS (
      INSERT INTO "Chore" ("circleId", "createdById", "name", "frequency", "nextDueDate", "scheduleAnchor", "assignedToId",
                           "points", "labels", "updatedById", "performedAsId", "updatedAt")
      SELECT ${circle.circleId}, ${circle.userId}, 'Chore ' || n, '{"type":"daily"}',
        now() + n * interval '1 hour', now() + n * interval '1 hour',
             CASE WHEN n <= ${MINE} THEN ${circle.userId} ELSE (SELECT "userId" FROM member) END,
             n % 5, ARRAY['bench'], ${circle.userId}, ${circle.userId}, now()
      FROM generate_series(1, ${count}) AS n
      RETURNING "id", "assignedToId"
    )
    INSERT INTO "ChoreAssignee" ("circleId", "choreId", "userId", "position")
    SELECT ${circle.circleId}, "id", "assignedToId", 0 FROM chores`;
}

/** One chore of the admin's with `count` completions, one a minute back from now. */
function seedHistory(circle: Circle, count: number): string {
  return `
    WITH chore AS (
      INSERT INTO "Chore" ("circleId", "createdById", "name", "frequency", "nextDueDate", "scheduleAnchor", "assignedToId",
                           "updatedById", "performedAsId", "updatedAt")
      VALUES (${circle.circleId}, ${circle.userId}, 'Dishes ${count}', '{"type":"daily"}', now(), now(), ${circle.userId},
              ${circle.userId}, ${circle.userId}, now())
      RETURNING "id"
    ), assignee AS (
      INSERT INTO "ChoreAssignee" ("circleId", "choreId", "userId", "position")
      SELECT ${circle.circleId}, "id", ${circle.userId}, 0 FROM chore
    )
    INSERT INTO "ChoreHistory" ("choreId", "circleId", "action", "updatedById", "performedAsId", "points", "dueDate", "createdAt")
    SELECT (SELECT "id" FROM chore), ${circle.circleId}, 'completed', ${circle.userId}, ${circle.userId}, 1,
           now() - n * interval '1 day', now() - n * interval '1 minute'
    FROM generate_series(1, ${count}) AS n`;
}

/** `count` audit events in the circle, a tenth of them `chore.deleted` (for the filtered page). */
function seedAudit(circle: Circle, count: number): string {
  return `
    INSERT INTO "AuditEvent" ("circleId", "actorUserId", "action", "entityType", "entityId", "outcome", "payload", "createdAt")
    SELECT ${circle.circleId}, ${circle.userId}, CASE WHEN n % 10 = 0 THEN 'chore.deleted' ELSE 'chore.updated' END, 'chore',
           (1000000 + n)::text, 'allowed', '{"isPrivate":false}', now() - (${count} - n) * interval '1 second'
    FROM generate_series(1, ${count}) AS n`;
}

async function startServer(dataDir: string, databaseUrl: string): Promise<BuiltServer> {
  return startBuiltServer(dataDir, {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "error",
    CHORUS_EXPOSE_SQL_COUNT: "true",
    AUTH_RATE_LIMIT_PER_MINUTE: "10000",
    REMINDER_INTERVAL_SECONDS: "0",
  });
}

async function timed(baseUrl: string, target: Target): Promise<{ ms: number; statements: number; rows: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1${target.path}`, { headers: { Authorization: `Bearer ${target.token}` } });
  const body = (await response.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${target.label}: ${response.status} ${JSON.stringify(body)}`);
  const list = Object.values(body).find(Array.isArray) as unknown[];
  return { ms, statements: Number(response.headers.get("x-sql-statements")), rows: list.length };
}

async function benchmark(label: string, databaseUrl: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-growth-"));
  let server = await startServer(dataDir, databaseUrl);
  const choreCircles: [number, Circle][] = [];
  const historyChores: [number, Circle][] = [];
  const auditCircles: [number, Circle][] = [];
  try {
    for (const size of CHORE_SIZES) choreCircles.push([size, await signUp(server.baseUrl, `c${size}`)]);
    const historyCircle = await signUp(server.baseUrl, "history");
    for (const size of HISTORY_SIZES) historyChores.push([size, historyCircle]);
    for (const size of AUDIT_SIZES) auditCircles.push([size, await signUp(server.baseUrl, `a${size}`)]);
    // PGlite's data directory belongs to one process: the server stops while the seed runs.
    await server.stop();

    const seedStarted = performance.now();
    const db = await openDatabase({ databaseUrl: databaseUrl || undefined, pgliteDir: path.join(dataDir, "pglite"), pgliteFsync: false });
    const historyChoreIds = new Map<number, number>();
    try {
      for (const [size, circle] of choreCircles) await db.prisma.$executeRawUnsafe(seedChores(circle, size));
      for (const [size, circle] of historyChores) {
        await db.prisma.$executeRawUnsafe(seedHistory(circle, size));
        const [row] = await db.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT "id" FROM "Chore" WHERE "name" = 'Dishes ${size}'`);
        historyChoreIds.set(size, row!.id);
      }
      for (const [size, circle] of auditCircles) await db.prisma.$executeRawUnsafe(seedAudit(circle, size));
      await db.prisma.$executeRawUnsafe("ANALYZE");
    } finally {
      await db.close();
    }
    console.log(`\n${label}: seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    server = await startServer(dataDir, databaseUrl);
    const targets: Target[] = [];
    for (const [size, circle] of choreCircles) {
      targets.push({ group: "GET /chores (all)", label: `${size} chores`, path: "/chores", token: circle.token });
    }
    for (const [size, circle] of choreCircles) {
      targets.push({ group: "GET /chores?assignedTo=me", label: `${size} chores`, path: "/chores?assignedTo=me", token: circle.token });
    }
    for (const [size, circle] of historyChores) {
      targets.push({
        group: "GET /chores/:id/history",
        label: `${size} rows`,
        path: `/chores/${historyChoreIds.get(size)}/history`,
        token: circle.token,
      });
    }
    for (const [size, circle] of auditCircles) {
      targets.push({ group: "GET /circles/current/audit", label: `${size} events`, path: "/circles/current/audit", token: circle.token });
    }
    for (const [size, circle] of auditCircles) {
      // Half-way down the log: a keyset page costs the same wherever it starts.
      const [newest] = (await createClient({ baseUrl: server.baseUrl, token: circle.token }).circles.audit({ limit: 1 })).events;
      const before = newest!.id - Math.floor(size / 2);
      targets.push({
        group: "audit, page half-way down",
        label: `${size} events`,
        path: `/circles/current/audit?before=${before}`,
        token: circle.token,
      });
    }
    for (const [size, circle] of auditCircles) {
      targets.push({
        group: "audit, ?action=chore.deleted",
        label: `${size} events`,
        path: "/circles/current/audit?action=chore.deleted",
        token: circle.token,
      });
    }

    const samples = new Map<Target, number[]>(targets.map((target) => [target, []]));
    const probes = new Map<Target, { statements: number; rows: number }>();
    for (const target of targets) probes.set(target, await timed(server.baseUrl, target)); // warm-up
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const target of targets) {
        for (let i = 0; i < REQUESTS; i += 1) samples.get(target)!.push((await timed(server.baseUrl, target)).ms);
      }
      await sleep(50);
    }

    console.log(`${label}: p50 of ${ROUNDS}×${REQUESTS} sequential requests each, rounds alternating\n`);
    let group = "";
    let smallest = 0;
    for (const target of targets) {
      const p50 = median(samples.get(target)!);
      if (target.group !== group) {
        group = target.group;
        smallest = p50;
        console.log(`  ${group}`);
      }
      const probe = probes.get(target)!;
      console.log(
        `    ${target.label.padEnd(16)} p50 ${p50.toFixed(2).padStart(7)} ms   ×${(p50 / smallest).toFixed(2).padEnd(6)} ` +
          `${String(probe.rows).padStart(5)} rows   ${probe.statements} SQL`,
      );
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  await benchmark("PGlite (embedded)", "");
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl) {
    const scratch = await createPostgresDatabase(adminUrl, { prefix: "chorus_growth" });
    try {
      await benchmark("PostgreSQL", scratch.url);
    } finally {
      await scratch.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
