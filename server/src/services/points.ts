/**
 * The points ledger (docs/decisions/0025-points-ledger.md). Every change of a member's
 * points appends a PointsEntry row in the same statement that changes `Membership.points`,
 * so the balance is always the sum of the member's rows: the membership row's lock orders
 * concurrent changes, and each row records the balance it left. Rows are never updated
 * or deleted (a trigger refuses it); undo appends a reversal.
 */
import { MAX_ID, type AdjustPointsRequest } from "@chorus/shared";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import type { PointsEntryRow } from "../domain";
import { ApiError, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { chorePolicy } from "../policies/chores";
import { publishChange } from "../realtime/changes";
import { recordAudit } from "./audit";
import { decodeIdCursor, encodeIdCursor } from "./idCursor";
import { invalidField, type Tx } from "./chores/records";

const DEFAULT_PAGE = 50;

const insufficientPoints = (balance: number) =>
  new ApiError("insufficient_points", "That would take the member's points below zero", { points: balance });

/** The columns of a new row, for the INSERT … SELECT of a statement that changes the balance. */
export const POINTS_ENTRY_COLUMNS = Prisma.sql`("circleId", "userId", "actorUserId", "viaDeviceId", "kind", "amount", "balance",
  "choreId", "historyId", "reason", "createdAt")`;

/**
 * The `undone` reversal of a completion's points, and the balance taken down by them, in one
 * statement. Refused (null) when the member no longer has the points: an admin took them
 * away since, so undoing would go below zero.
 */
export async function reverseEarned(
  tx: Tx,
  ctx: CircleContext,
  earned: { userId: number; points: number; choreId: number; historyId: number },
  now: Date,
): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ balance: number }[]>`
    WITH debited AS (
      UPDATE "Membership" SET "points" = "points" - ${earned.points}::int, "updatedAt" = ${now}::timestamp(3)
      WHERE "userId" = ${earned.userId} AND "circleId" = ${ctx.circle.id} AND "points" >= ${earned.points}::int
      RETURNING "points"
    )
    INSERT INTO "PointsEntry" ${POINTS_ENTRY_COLUMNS}
    SELECT ${ctx.circle.id}::int, ${earned.userId}::int, ${ctx.actor.id}::int, ${ctx.device?.id ?? null}::int, 'undone',
      ${-earned.points}::int, "points", ${earned.choreId}::int, ${earned.historyId}::int, NULL, ${now}::timestamp(3)
    FROM debited
    RETURNING "balance"`;
  return row?.balance ?? null;
}

/** An admin's correction of a member's points, with its reason; audited. */
export async function adjustPoints(db: Database, ctx: CircleContext, userId: number, input: AdjustPointsRequest, now = new Date()) {
  return db.prisma.$transaction(async (tx) => {
    // Bigint sums, so an adjustment near the limit is refused rather than overflowing.
    const [row] = await tx.$queryRaw<{ id: number }[]>`
      WITH changed AS (
        UPDATE "Membership" SET "points" = "points" + ${input.amount}::int, "updatedAt" = ${now}::timestamp(3)
        WHERE "userId" = ${userId} AND "circleId" = ${ctx.circle.id} AND "status" = 'active'
          AND "points"::bigint + ${input.amount}::int BETWEEN 0 AND ${MAX_ID}
        RETURNING "points"
      )
      INSERT INTO "PointsEntry" ${POINTS_ENTRY_COLUMNS}
      SELECT ${ctx.circle.id}::int, ${userId}::int, ${ctx.actor.id}::int, ${ctx.device?.id ?? null}::int, 'adjusted',
        ${input.amount}::int, "points", NULL, NULL, ${input.reason}::text, ${now}::timestamp(3)
      FROM changed
      RETURNING "id"`;
    if (!row) {
      const member = await tx.membership.findUnique({ where: { userId_circleId: { userId, circleId: ctx.circle.id } } });
      if (member?.status !== "active") throw notFound("Member");
      if (member.points + input.amount < 0) throw insufficientPoints(member.points);
      throw invalidField("amount", "That would take the member's points past the largest total Chorus keeps");
    }
    const [entry] = await entryRows(tx, Prisma.sql`p."id" = ${row.id}`, 1);
    await recordAudit(tx, ctx, {
      action: "points.adjusted",
      entityType: "user",
      entityId: userId,
      payload: { entryId: row.id, amount: input.amount, reason: input.reason, points: entry!.balance },
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return entry!;
  });
}

/** Ledger rows with the names the page shows: the actor, the tablet, the reward and the missed occurrence. */
export function entryRows(db: Tx | Database["prisma"], where: Prisma.Sql, limit: number) {
  return db.$queryRaw<PointsEntryRow[]>`
    SELECT p."id", p."kind"::text AS "kind", p."amount", p."balance", p."actorUserId", a."displayName" AS "actorName",
      p."viaDeviceId", d."name" AS "deviceName", p."choreId", p."rewardRequestId", r."name" AS "rewardName", p."reason", p."createdAt",
      p."penaltyId", cp."dueDate" AS "penaltyDueDate", cp."points" AS "penaltyPoints",
      EXISTS (SELECT 1 FROM "PointsEntry" w WHERE w."penaltyId" = p."penaltyId" AND w."kind" = 'waived') AS "penaltyWaived"
    FROM "PointsEntry" p
    LEFT JOIN "User" a ON a."id" = p."actorUserId"
    LEFT JOIN "Device" d ON d."id" = p."viaDeviceId"
    LEFT JOIN "RewardRequest" rr ON rr."id" = p."rewardRequestId"
    LEFT JOIN "Reward" r ON r."id" = rr."rewardId"
    LEFT JOIN "ChorePenalty" cp ON cp."id" = p."penaltyId"
    WHERE ${where}
    ORDER BY p."id" DESC
    LIMIT ${limit}`;
}

/**
 * A member's ledger, newest first. Chore names are given only for chores the reader may
 * see (a private chore stays private in someone else's history; a deleted one has no name).
 */
export async function listPoints(
  db: Database,
  ctx: CircleContext,
  userId: number,
  page: { before?: string | undefined; limit?: number | undefined },
) {
  const before = page.before === undefined ? null : decodeIdCursor(page.before);
  const limit = page.limit ?? DEFAULT_PAGE;
  const member = await db.prisma.membership.findUnique({
    where: { userId_circleId: { userId, circleId: ctx.circle.id } },
    include: { user: { select: { displayName: true } } },
  });
  if (member?.status !== "active") throw notFound("Member");
  const older = before === null ? Prisma.empty : Prisma.sql`AND p."id" < ${before}`;
  const rows = await entryRows(db.prisma, Prisma.sql`p."circleId" = ${ctx.circle.id} AND p."userId" = ${userId} ${older}`, limit + 1);
  const entries = rows.slice(0, limit);
  const choreIds = [...new Set(entries.flatMap((entry) => (entry.choreId === null ? [] : [entry.choreId])))];
  const chores =
    choreIds.length === 0
      ? []
      : await db.prisma.chore.findMany({
          where: { circleId: ctx.circle.id, id: { in: choreIds } },
          select: { id: true, name: true, circleId: true, createdById: true, isPrivate: true, assignees: { select: { userId: true } } },
        });
  const choreNames = new Map(chores.filter((chore) => chorePolicy.canSee(ctx, chore)).map((chore) => [chore.id, chore.name]));
  return {
    member: { userId, displayName: member.user.displayName, points: member.points },
    entries,
    choreNames,
    nextCursor: rows.length > limit ? encodeIdCursor(entries[entries.length - 1]!.id) : null,
  };
}
