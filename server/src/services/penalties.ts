/**
 * Mandatory chores' penalties (docs/decisions/0028-mandatory-chores-and-penalties.md).
 * The scheduler tick finds occurrences still undone past their due time plus grace and
 * charges the assignee once — unless they were away, or the circle paused, when it was due
 * (decision 0034): a `ChorePenalty` row under a unique key per occurrence is the
 * claim, so two processes or a restart never charge twice. The `penalty` ledger row takes
 * at most the balance (a balance never goes below zero, decision 0025). Admins waive a
 * penalty with a `waived` row giving back what it took, at most once.
 */
import { randomUUID } from "node:crypto";
import { MAX_ID, type WaivePenaltyRequest } from "@chorus/shared";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import type { PointsEntryRow } from "../domain";
import { ApiError, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { Logger } from "../logger";
import { publishChange } from "../realtime/changes";
import { recordAudit, recordRawAudit } from "./audit";
import { awaySql } from "./away";
import { isTurnOf, turnsSql, type Tx } from "./chores/records";
import { entryRows } from "./points";

/** The columns a penalty's and a waiver's ledger row fill (never through a tablet, never for a history row). */
const PENALTY_ENTRY_COLUMNS = Prisma.sql`("circleId", "userId", "actorUserId", "kind", "amount", "balance", "choreId", "penaltyId",
  "reason", "createdAt")`;

/** Occurrences charged per tick at most; the rest wait for the next tick. */
const PENALTIES_PER_TICK = 200;

interface MissedOccurrence {
  choreId: number;
  circleId: number;
  userId: number;
  dueDate: Date;
  points: number;
}

/**
 * Mandatory chores whose current occurrence is past due plus grace, undone and not yet
 * charged, with an active assignee. A range scan of the partial index on open mandatory
 * chores by due date, and a unique-key lookup each: cheap enough for every tick.
 */
export function missedOccurrencesSql(now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT c."id" AS "choreId", c."circleId", t."userId", c."nextDueDate" AS "dueDate", c."penaltyPoints" AS "points"
    FROM "Chore" c CROSS JOIN ${turnsSql}
    JOIN "Membership" m ON m."circleId" = c."circleId" AND m."userId" = t."userId" AND m."status" = 'active'
    WHERE c."penaltyPoints" IS NOT NULL AND NOT c."archived" AND c."finishedAt" IS NULL
      AND c."nextDueDate" <= ${now}::timestamp(3)
      AND c."nextDueDate" + make_interval(mins => c."penaltyGraceMinutes") <= ${now}::timestamp(3)
      AND NOT ${awaySql(Prisma.sql`c."circleId"`, Prisma.sql`t."userId"`, Prisma.sql`c."nextDueDate"`)}
      AND NOT EXISTS (
        SELECT 1 FROM "ChorePenalty" p WHERE p."circleId" = c."circleId" AND p."choreId" = c."id" AND p."dueDate" = c."nextDueDate"
          AND (p."userId" = t."userId" OR c."assignedToId" IS NOT NULL))
    ORDER BY c."nextDueDate", c."id"
    LIMIT ${PENALTIES_PER_TICK}`;
}

function missedOccurrences(db: Database, now: Date) {
  return db.prisma.$queryRaw<MissedOccurrence[]>(missedOccurrencesSql(now));
}

/**
 * Charges one missed occurrence, or nothing when the chore moved on, changed or was
 * charged by another process meanwhile. The chore's row lock orders this against a `do`
 * or `skip` in flight (both lock it first); the unique key against another process.
 */
async function charge(tx: Tx, missed: MissedOccurrence, now: Date, requestId: string): Promise<number | null> {
  const [chore] = await tx.$queryRaw<{ points: number | null }[]>`
    SELECT "penaltyPoints" AS "points" FROM "Chore"
    WHERE "id" = ${missed.choreId} AND "circleId" = ${missed.circleId} AND "nextDueDate" = ${missed.dueDate}::timestamp(3)
      AND NOT "archived" AND "finishedAt" IS NULL
      AND "nextDueDate" + make_interval(mins => "penaltyGraceMinutes") <= ${now}::timestamp(3)
      AND NOT ${awaySql(Prisma.sql`"circleId"`, Prisma.sql`${missed.userId}::int`, Prisma.sql`"nextDueDate"`)}
    FOR UPDATE`;
  if (chore?.points === null || chore?.points === undefined) return null;
  if (!(await isTurnOf(tx, missed.choreId, missed.userId))) return null;
  // A chore with one holder is charged once per occurrence, whoever holds it now; each open part once (decision 0035).
  const [charged] = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "ChorePenalty" p JOIN "Chore" c ON c."id" = p."choreId"
    WHERE p."circleId" = ${missed.circleId} AND p."choreId" = ${missed.choreId} AND p."dueDate" = ${missed.dueDate}::timestamp(3)
      AND (p."userId" = ${missed.userId} OR c."assignedToId" IS NOT NULL)`;
  if (charged) return null;
  const [member] = await tx.$queryRaw<{ points: number }[]>`
    SELECT "points" FROM "Membership" WHERE "userId" = ${missed.userId} AND "circleId" = ${missed.circleId} AND "status" = 'active'
    FOR UPDATE`;
  if (!member) return null;
  const [claimed] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "ChorePenalty" ("circleId", "choreId", "userId", "dueDate", "points", "createdAt")
    VALUES (${missed.circleId}, ${missed.choreId}, ${missed.userId}, ${missed.dueDate}::timestamp(3), ${chore.points}, ${now}::timestamp(3))
    ON CONFLICT ("circleId", "choreId", "dueDate", "userId") DO NOTHING
    RETURNING "id"`;
  if (!claimed) return null;
  // Never below zero: what is left is taken, and the miss is recorded even when that is nothing.
  const taken = Math.min(member.points, chore.points);
  const [entry] = await tx.$queryRaw<{ id: number; balance: number }[]>`
    WITH debited AS (
      UPDATE "Membership" SET "points" = "points" - ${taken}::int, "updatedAt" = ${now}::timestamp(3)
      WHERE "userId" = ${missed.userId} AND "circleId" = ${missed.circleId}
      RETURNING "points"
    )
    INSERT INTO "PointsEntry" ${PENALTY_ENTRY_COLUMNS}
    SELECT ${missed.circleId}::int, ${missed.userId}::int, NULL, 'penalty', ${-taken}::int, "points", ${missed.choreId}::int,
      ${claimed.id}::int, NULL, ${now}::timestamp(3)
    FROM debited
    RETURNING "id", "balance"`;
  // Nobody did this: the scheduler did. No actor, and the payload says so.
  await recordRawAudit(
    tx,
    { requestId, ip: null, userAgent: null },
    {
      circleId: missed.circleId,
      actorUserId: null,
      subjectUserId: null,
      action: "points.penalty_applied",
      entityType: "user",
      entityId: missed.userId,
      payload: {
        appliedBy: "scheduler",
        entryId: entry!.id,
        penaltyId: claimed.id,
        choreId: missed.choreId,
        dueDate: missed.dueDate.toISOString(),
        penalty: chore.points,
        amount: -taken,
        points: entry!.balance,
      },
    },
  );
  await publishChange(tx, { type: "members", circleIds: [missed.circleId] });
  return claimed.id;
}

/**
 * One scheduler tick's penalties: each in its own transaction, so one failure holds up no
 * other. Returns the ids of the penalties this call applied.
 */
export async function applyDuePenalties(db: Database, logger: Logger, now = new Date()): Promise<number[]> {
  const requestId = `scheduler-${randomUUID()}`;
  const applied: number[] = [];
  for (const missed of await missedOccurrences(db, now)) {
    try {
      const id = await db.prisma.$transaction((tx) => charge(tx, missed, now, requestId));
      if (id !== null) applied.push(id);
    } catch (error) {
      logger.error({ err: error, choreId: missed.choreId, dueDate: missed.dueDate }, "penalty not applied");
    }
  }
  return applied;
}

/**
 * An admin gives a penalty back: a `waived` row of what the penalty took (nothing, if it
 * took nothing), once. The penalty's row lock makes parallel waivers wait, and the second
 * finds the first's row; the unique key on (penaltyId, kind) backs this up.
 */
export async function waivePenalty(
  db: Database,
  ctx: CircleContext,
  target: { userId: number; entryId: number },
  input: WaivePenaltyRequest,
  now = new Date(),
): Promise<PointsEntryRow> {
  return db.prisma.$transaction(async (tx) => {
    const [penalty] = await tx.$queryRaw<{ penaltyId: number; amount: number; choreId: number }[]>`
      SELECT p."penaltyId", p."amount", p."choreId" FROM "PointsEntry" p
      JOIN "ChorePenalty" cp ON cp."id" = p."penaltyId"
      WHERE p."id" = ${target.entryId} AND p."circleId" = ${ctx.circle.id} AND p."userId" = ${target.userId} AND p."kind" = 'penalty'
      FOR UPDATE OF cp`;
    if (!penalty) throw notFound("Penalty");
    const waived = await tx.pointsEntry.findFirst({ where: { penaltyId: penalty.penaltyId, kind: "waived" }, select: { id: true } });
    if (waived) throw new ApiError("already_waived", "This penalty was waived already", { entryId: waived.id });
    const [row] = await tx.$queryRaw<{ id: number }[]>`
      WITH credited AS (
        UPDATE "Membership" SET "points" = "points" - ${penalty.amount}::int, "updatedAt" = ${now}::timestamp(3)
        WHERE "userId" = ${target.userId} AND "circleId" = ${ctx.circle.id} AND "status" = 'active'
          AND "points"::bigint - ${penalty.amount}::int <= ${MAX_ID}
        RETURNING "points"
      )
      INSERT INTO "PointsEntry" ${PENALTY_ENTRY_COLUMNS}
      SELECT ${ctx.circle.id}::int, ${target.userId}::int, ${ctx.actor.id}::int, 'waived', ${-penalty.amount}::int, "points",
        ${penalty.choreId}::int, ${penalty.penaltyId}::int, ${input.reason ?? null}::text, ${now}::timestamp(3)
      FROM credited
      RETURNING "id"`;
    // Only a member who left (or a balance at the largest total Chorus keeps) leaves nothing to credit.
    if (!row) throw notFound("Member");
    const [entry] = await entryRows(tx, Prisma.sql`p."id" = ${row.id}`, 1);
    await recordAudit(tx, ctx, {
      action: "points.penalty_waived",
      entityType: "user",
      entityId: target.userId,
      payload: {
        entryId: row.id,
        penaltyEntryId: target.entryId,
        penaltyId: penalty.penaltyId,
        choreId: penalty.choreId,
        amount: -penalty.amount,
        ...(input.reason ? { reason: input.reason } : {}),
        points: entry!.balance,
      },
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return entry!;
  });
}
