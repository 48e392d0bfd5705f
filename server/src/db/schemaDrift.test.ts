/**
 * Guards against a schema.prisma change without a migration (or the reverse): the
 * database that the migrations build must have every table, column, index and
 * constraint that schema.prisma describes, plus only the known hand-written extras.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { findMigrationsDir, readMigrations } from "./migrations";

const repoRoot = path.resolve(findMigrationsDir(), "../..");

/** Hand-written in the migrations because Prisma's schema language cannot express them. */
const HAND_WRITTEN = [
  "index Membership_one_active_circle_per_user",
  "index ChoreHistory_one_outcome_per_occurrence",
  "index ImpersonationSession_one_open_per_session_target",
  "trigger AuditEvent_append_only",
  "function audit_event_append_only",
  // Counting a session's actions and refusals by the id in the audit payload (decision 0022).
  "index AuditEvent_impersonationSessionId_idx",
  // One pending "ask me first" request per admin and member (decision 0023).
  "index ActAsRequest_one_pending_key",
  // The points ledger's rules (decision 0025).
  "constraint PointsEntry_amount_not_zero",
  "constraint PointsEntry_balance_not_negative",
  "constraint PointsEntry_actor",
  "constraint PointsEntry_chore_cause",
  "constraint PointsEntry_reason",
  "constraint PointsEntry_reward_cause",
  // A photo has its bytes or has expired (decision 0030).
  "constraint ChorePhoto_data_or_expired",
  // Rewards (decision 0026).
  "constraint Reward_cost_positive",
  "constraint Reward_stock_not_negative",
  // Penalties (decision 0028): the tick's partial index and the bounds.
  "index Chore_penalty_due_idx",
  "constraint Chore_penalty_bounds",
  "constraint ChorePenalty_points_positive",
  "constraint PointsEntry_penalty_cause",
  // Missed occurrences (decision 0031): the tick's partial index, once per occurrence and member (0035), the window's bounds.
  "index Chore_open_due_idx",
  "index ChoreHistory_missed_once",
  "constraint Chore_completion_window_bounds",
  // Shared chores (decision 0035): an everyone chore's part once per member and occurrence.
  "index ChoreHistory_one_outcome_per_part",
  // One waiting completion per chore (decision 0027).
  "index ChoreApproval_one_pending_per_chore",
  "trigger PointsEntry_append_only",
  "function points_entry_append_only",
];

async function catalog(sql: string): Promise<Set<string>> {
  const db = new PGlite();
  try {
    await db.exec(sql);
    const rows = await db.query<{ item: string }>(`
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
          || coalesce(column_default, '') AS item
        FROM information_schema.columns WHERE table_schema = 'public'
      UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION ALL SELECT 'type ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
      UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace`);
    return new Set(rows.rows.map((row) => row.item));
  } finally {
    await db.close();
  }
}

it("migrations build exactly what schema.prisma describes", async () => {
  const fromSchema = execFileSync(
    process.execPath,
    [
      path.join(repoRoot, "scripts/prisma.mjs"),
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const expected = await catalog(fromSchema);
  const actual = await catalog(
    readMigrations(findMigrationsDir())
      .map((m) => m.sql)
      .join("\n"),
  );
  const missing = [...expected].filter((item) => !actual.has(item));
  const extra = [...actual].filter((item) => !expected.has(item) && !HAND_WRITTEN.some((name) => item.startsWith(name)));
  expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  // The Prisma CLI and two PGlite initdbs: 20 s idle, over 60 s with the rest of the suite on 2 cores.
}, 240_000);
