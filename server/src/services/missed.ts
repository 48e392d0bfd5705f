/**
 * Missed occurrences (docs/decisions/0031-missed-occurrences.md). An occurrence still undone
 * when its completion window has passed — or, without a window, when the next occurrence is
 * due — is recorded once as a `missed` history row for the assignee then. Two writers: the
 * scheduler tick for the current occurrence, and a late do or skip of a fixed schedule for
 * the occurrences it jumps over. A partial unique index on (choreId, dueDate, member) of missed
 * rows makes each once, whichever process, restart or action gets there first: one member for a
 * rotation or claimed chore, each open part of an everyone chore, an unclaimed pool's assignees
 * (decision 0035).
 */
import { randomUUID } from "node:crypto";
import type { ScheduleMode } from "@chorus/shared";
import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import type { Logger } from "../logger";
import { publishChange } from "../realtime/changes";
import { recordRawAudit } from "./audit";
import { awaySql } from "./away";
import { isTurnOf, readFrequency, turnsSql, type Tx } from "./chores/records";
import { advanceSchedule, type Schedule } from "./chores/schedule";

/** Occurrences looked at per tick at most; the rest wait for the next tick. */
const CANDIDATES_PER_TICK = 200;
/** A do or skip months late records at most this many of the occurrences it jumps over (the latest). */
export const MAX_SKIPPED_OVER = 100;

interface Candidate {
  choreId: number;
  circleId: number;
  userId: number;
  dueDate: Date;
  windowMinutes: number | null;
  frequency: Prisma.JsonValue;
  scheduleMode: ScheduleMode;
  scheduleAnchor: Date | null;
  activeMonths: number[];
  timezone: string;
}

/** What a miss needs of its chore: its schedule and window, in the circle's zone. */
interface MissRule {
  schedule: Schedule;
  windowMinutes: number | null;
  timezone: string;
}

/**
 * When the occurrence `dueDate` is missed if still undone: its due time plus the window, or
 * without one the next occurrence's due time; null for a one-off chore without a window.
 */
export function missedAt(rule: MissRule, dueDate: Date): Date | null {
  if (rule.windowMinutes !== null) return new Date(dueDate.getTime() + rule.windowMinutes * 60_000);
  return advanceSchedule({ ...rule.schedule, dueDate }, rule.timezone, dueDate).nextDueDate;
}

/**
 * The occurrences a fixed schedule jumps over when the one at `from` is resolved and the next
 * is `to`: the series' due dates strictly between them (the latest MAX_SKIPPED_OVER). A rolling
 * schedule counts from the completion, so it jumps over none.
 */
export function skippedOver(rule: MissRule, from: Date | null, to: Date | null): Date[] {
  if (rule.schedule.mode !== "fixed" || !from || !to || rule.schedule.frequency.type === "once") return [];
  const between: Date[] = [];
  let due = advanceSchedule({ ...rule.schedule, dueDate: from }, rule.timezone, from).nextDueDate;
  while (due && due < to) {
    between.push(due);
    if (between.length > MAX_SKIPPED_OVER) between.shift();
    due = advanceSchedule({ ...rule.schedule, dueDate: due }, rule.timezone, due).nextDueDate;
  }
  return between;
}

/** One member's miss of one occurrence, recorded at the moment it was missed. */
export interface Miss {
  userId: number;
  dueDate: Date;
  at: Date;
}

/**
 * The INSERT of `misses`, one set per row of `from` (a CTE that is empty when the write it
 * belongs to did not happen); an occurrence already recorded for its member is left alone.
 * `misses` must not be empty.
 */
export function missedInsertSql(misses: readonly Miss[], from: Prisma.Sql): Prisma.Sql {
  const values = misses.map(({ userId, dueDate, at }) => Prisma.sql`(${userId}::int, ${dueDate}::timestamp(3), ${at}::timestamp(3))`);
  return Prisma.sql`
    INSERT INTO "ChoreHistory" ("choreId", "circleId", "action", "updatedById", "performedAsId", "dueDate", "createdAt")
    SELECT f."id", f."circleId", 'missed', m."userId", m."userId", m."dueDate", m."at"
    FROM ${from} f, (VALUES ${Prisma.join(values)}) AS m("userId", "dueDate", "at")
    ON CONFLICT ("choreId", "dueDate", "performedAsId") WHERE "action" = 'missed' DO NOTHING`;
}

/**
 * Open chores whose current occurrence is past due (and past its window, if it has one),
 * assigned, not waiting for approval, not due while its assignee was away (or the circle
 * paused; decision 0034) and not yet recorded missed: a range scan of the partial
 * index on open chores by due date, and a unique-key lookup each. Without a window the next
 * occurrence's due time is computed here, not in SQL.
 */
export function missCandidatesSql(now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT c."id" AS "choreId", c."circleId", t."userId", c."nextDueDate" AS "dueDate",
      c."completionWindowMinutes" AS "windowMinutes", c."frequency", c."scheduleMode", c."scheduleAnchor", c."activeMonths",
      ci."timezone"
    FROM "Chore" c JOIN "Circle" ci ON ci."id" = c."circleId" CROSS JOIN ${turnsSql}
    WHERE NOT c."archived" AND c."finishedAt" IS NULL AND c."nextDueDate" <= ${now}::timestamp(3)
      AND c."pendingApprovalId" IS NULL
      AND NOT ${awaySql(Prisma.sql`c."circleId"`, Prisma.sql`t."userId"`, Prisma.sql`c."nextDueDate"`)}
      AND (c."completionWindowMinutes" IS NULL
        OR c."nextDueDate" + make_interval(mins => c."completionWindowMinutes") <= ${now}::timestamp(3))
      AND NOT EXISTS (
        SELECT 1 FROM "ChoreHistory" h WHERE h."choreId" = c."id" AND h."dueDate" = c."nextDueDate" AND h."action" = 'missed'
          AND (h."performedAsId" = t."userId" OR c."assignedToId" IS NOT NULL))
    ORDER BY c."nextDueDate", c."id"
    LIMIT ${CANDIDATES_PER_TICK}`;
}

const ruleOf = (candidate: Candidate): MissRule => ({
  schedule: {
    frequency: readFrequency(candidate.frequency),
    mode: candidate.scheduleMode,
    dueDate: candidate.dueDate,
    anchor: candidate.scheduleAnchor,
    activeMonths: candidate.activeMonths,
  },
  windowMinutes: candidate.windowMinutes,
  timezone: candidate.timezone,
});

/**
 * Records one missed occurrence, or nothing when the chore moved on or changed meanwhile. The
 * chore's row lock orders this against a do or skip in flight; the unique key against another process.
 */
async function recordOne(tx: Tx, candidate: Candidate, at: Date, requestId: string): Promise<boolean> {
  const [locked] = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Chore"
    WHERE "id" = ${candidate.choreId} AND "nextDueDate" = ${candidate.dueDate}::timestamp(3)
      AND NOT "archived" AND "finishedAt" IS NULL AND "pendingApprovalId" IS NULL
      AND "completionWindowMinutes" IS NOT DISTINCT FROM ${candidate.windowMinutes}::int
      AND NOT ${awaySql(Prisma.sql`"circleId"`, Prisma.sql`${candidate.userId}::int`, Prisma.sql`"nextDueDate"`)}
    FOR UPDATE`;
  if (!locked || !(await isTurnOf(tx, candidate.choreId, candidate.userId))) return false;
  // A chore with one holder misses an occurrence once, whoever holds it now; each open part once (decision 0035).
  const [recorded] = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "ChoreHistory" h JOIN "Chore" c ON c."id" = h."choreId"
    WHERE h."choreId" = ${candidate.choreId} AND h."dueDate" = ${candidate.dueDate}::timestamp(3) AND h."action" = 'missed'
      AND (h."performedAsId" = ${candidate.userId} OR c."assignedToId" IS NOT NULL)`;
  if (recorded) return false;
  const chore = Prisma.sql`(SELECT "id", "circleId" FROM "Chore" WHERE "id" = ${candidate.choreId})`;
  const written = await tx.$queryRaw<
    { id: number }[]
  >`${missedInsertSql([{ userId: candidate.userId, dueDate: candidate.dueDate, at }], chore)}
    RETURNING "id"`;
  if (written.length === 0) return false;
  // Nobody did this: the scheduler did. No actor, and the payload says so.
  await recordRawAudit(
    tx,
    { requestId, ip: null, userAgent: null },
    {
      circleId: candidate.circleId,
      actorUserId: null,
      subjectUserId: null,
      action: "chore.missed",
      entityType: "chore",
      entityId: candidate.choreId,
      payload: { recordedBy: "scheduler", dueDate: candidate.dueDate.toISOString(), member: candidate.userId },
    },
  );
  await publishChange(tx, { type: "chores", circleIds: [candidate.circleId] });
  return true;
}

/**
 * One scheduler tick's misses, each in its own transaction so one failure holds up no other.
 * Returns how many this call recorded.
 */
export async function recordMissedOccurrences(db: Database, logger: Logger, now = new Date()): Promise<number> {
  const requestId = `scheduler-${randomUUID()}`;
  let recorded = 0;
  for (const candidate of await db.prisma.$queryRaw<Candidate[]>(missCandidatesSql(now))) {
    const at = missedAt(ruleOf(candidate), candidate.dueDate);
    if (!at || at > now) continue;
    try {
      if (await db.prisma.$transaction((tx) => recordOne(tx, candidate, at, requestId))) recorded++;
    } catch (error) {
      logger.error({ err: error, choreId: candidate.choreId, dueDate: candidate.dueDate }, "missed occurrence not recorded");
    }
  }
  return recorded;
}
