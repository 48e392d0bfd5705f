/**
 * What every chore service shares: how a chore is loaded (with its assignees in rotation
 * order), how a write is attributed, and the checks on assignees.
 */
import { frequencySchema, type AssignmentMode, type Frequency } from "@chorus/shared";
import type { CircleContext } from "../../context";
import { CHORE_DATE_FIELDS, type ChoreDateField, type ChoreJson, type ChoreWithAssignees, type ResolvedPart } from "../../domain";
import { ApiError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { awaySql } from "../away";

export type Tx = Prisma.TransactionClient;

export const choreInclude = { assignees: { orderBy: { position: "asc" } } } satisfies Prisma.ChoreInclude;

/** Turns `row`'s timestamps into Dates in place: the row was just parsed from a statement's JSON and is nobody else's. */
export function choreFromJson(row: ChoreJson): ChoreWithAssignees {
  const chore = row as unknown as Record<ChoreDateField, string | Date | null>;
  for (const field of CHORE_DATE_FIELDS) {
    const value = row[field];
    chore[field] = value === null ? null : new Date(`${value}Z`);
  }
  return chore as unknown as ChoreWithAssignees;
}

/** The stored frequency was validated by the same schema on the way in. */
export const readFrequency = (stored: Prisma.JsonValue): Frequency => frequencySchema.parse(stored);

/** Every chore write and history row records the real person, who it counts for, and the tablet it came through. */
export function attribution(ctx: CircleContext) {
  return { updatedById: ctx.actor.id, performedAsId: ctx.subject.id, viaDeviceId: ctx.device?.id ?? null };
}

/** SQL true when the assignee row `aa` is away (or the circle paused) at its chore `ch`'s due time. */
const assigneeAwaySql = awaySql(Prisma.sql`ch."circleId"`, Prisma.sql`aa."userId"`, Prisma.sql`ch."nextDueDate"`);

/** A chore row of `ch` with its assignees in rotation order, as one JSON value's fields (see ChoreJson). */
export const choreJsonColumns = Prisma.sql`ch.*, COALESCE((
        SELECT json_agg(json_build_object('choreId', a."choreId", 'userId', a."userId", 'position', a."position") ORDER BY a."position")
        FROM "ChoreAssignee" a WHERE a."choreId" = ch."id"), '[]') AS "assignees", COALESCE((
        SELECT json_agg(json_build_object('id', i."id", 'text', i."text", 'tick', CASE WHEN t."id" IS NULL THEN NULL ELSE json_build_object(
            'tickedBy', t."tickedById", 'performedAs', t."performedAsId",
            'tickedAt', to_char(t."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END) ORDER BY i."position")
        FROM "ChoreChecklistItem" i
        LEFT JOIN "ChoreChecklistTick" t ON t."itemId" = i."id" AND t."dueDate" IS NOT DISTINCT FROM ch."nextDueDate"
        WHERE i."choreId" = ch."id"), '[]') AS "checklist", CASE WHEN ch."assignmentMode" = 'everyone' THEN COALESCE((
        SELECT json_agg(json_build_object('userId', p."performedAsId", 'action', p."action") ORDER BY p."id")
        FROM "ChoreHistory" p WHERE p."choreId" = ch."id" AND p."forPart" AND p."action" IN ('completed', 'skipped')
          AND p."dueDate" IS NOT DISTINCT FROM ch."nextDueDate"), '[]') END AS "resolvedParts", CASE WHEN ch."assignmentMode" = 'everyone'
        THEN COALESCE((SELECT json_agg(aa."userId" ORDER BY aa."position") FROM "ChoreAssignee" aa
          WHERE aa."choreId" = ch."id" AND ${assigneeAwaySql}), '[]') END AS "awayAssignees"`;

/**
 * The assignees of *everyone* chores away (or their circle paused) at the current occurrence's
 * due time, whose parts hold nobody back (decision 0034): for chores not read through
 * choreJsonColumns, one statement for any number of chores.
 */
export async function loadAwayAssignees(tx: Tx, choreIds: readonly number[]): Promise<Map<number, number[]>> {
  const away = new Map<number, number[]>();
  if (choreIds.length === 0) return away;
  const rows = await tx.$queryRaw<{ choreId: number; userId: number }[]>`
    SELECT aa."choreId", aa."userId" FROM "ChoreAssignee" aa JOIN "Chore" ch ON ch."id" = aa."choreId"
    WHERE aa."choreId" = ANY(${[...choreIds]}::int[]) AND ${assigneeAwaySql}
    ORDER BY aa."position"`;
  for (const { choreId, userId } of rows) away.set(choreId, [...(away.get(choreId) ?? []), userId]);
  return away;
}

/** The parts of an *everyone* chore's current occurrence already done or skipped, one statement for any number of chores. */
export async function loadResolvedParts(tx: Tx, choreIds: readonly number[]): Promise<Map<number, ResolvedPart[]>> {
  const parts = new Map<number, ResolvedPart[]>();
  if (choreIds.length === 0) return parts;
  const rows = await tx.$queryRaw<(ResolvedPart & { choreId: number })[]>`
    SELECT p."choreId", p."performedAsId" AS "userId", p."action"::text AS "action"
    FROM "ChoreHistory" p JOIN "Chore" c ON c."id" = p."choreId"
    WHERE p."choreId" = ANY(${[...choreIds]}::int[]) AND p."forPart" AND p."action" IN ('completed', 'skipped')
      AND p."dueDate" IS NOT DISTINCT FROM c."nextDueDate"
    ORDER BY p."id"`;
  for (const { choreId, ...part } of rows) parts.set(choreId, [...(parts.get(choreId) ?? []), part]);
  return parts;
}

/**
 * Whose the chore's current occurrence is now (decision 0035): a rotation chore's assignee, an
 * anyone chore's claimer or, unclaimed, its whole pool; an everyone chore's assignees whose part
 * is still open. Who is reminded, as the task list shows it.
 */
export function whoseTurn(
  chore: { assignmentMode: AssignmentMode; assignedToId: number | null; assignees: readonly { userId: number }[] },
  resolvedParts: readonly ResolvedPart[],
): number[] {
  if (chore.assignedToId !== null) return [chore.assignedToId];
  if (chore.assignmentMode === "rotation") return [];
  const resolved = new Set(resolvedParts.map(({ userId }) => userId));
  return chore.assignees.map(({ userId }) => userId).filter((userId) => !resolved.has(userId));
}

/** `whoseTurn` as SQL: a LATERAL row set `t("userId")` for the chore row `c` (aliased `c`). */
export const turnsSql = Prisma.sql`LATERAL (
    SELECT c."assignedToId" AS "userId" WHERE c."assignedToId" IS NOT NULL
    UNION ALL
    SELECT a."userId" FROM "ChoreAssignee" a
    WHERE c."assignedToId" IS NULL AND c."assignmentMode" <> 'rotation' AND a."choreId" = c."id"
      AND NOT EXISTS (SELECT 1 FROM "ChoreHistory" p WHERE p."choreId" = c."id" AND p."forPart" AND p."performedAsId" = a."userId"
        AND p."action" IN ('completed', 'skipped') AND p."dueDate" IS NOT DISTINCT FROM c."nextDueDate")) t`;

/** Whether it is still `userId`'s turn at the locked chore's occurrence (a statement after the lock sees what its holder committed). */
export async function isTurnOf(tx: Tx, choreId: number, userId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Chore" c CROSS JOIN ${turnsSql} WHERE c."id" = ${choreId} AND t."userId" = ${userId}`;
  return rows.length > 0;
}

/**
 * The current assignee after a create or an edit, by assignment mode (decision 0035): rotation as
 * `resolveAssignedTo`; an *everyone* chore has none; an *anyone* chore keeps its claim while the
 * claimer stays an assignee. A shared chore's `assignedTo` is set by claiming, never by editing.
 */
export function assignedToFor(
  mode: AssignmentMode,
  requested: number | null | undefined,
  assignees: readonly number[],
  current: { mode: AssignmentMode; assignedToId: number | null } | null,
): number | null {
  if (mode === "rotation") return resolveAssignedTo(requested, assignees, current?.assignedToId ?? null);
  if (requested !== undefined && requested !== null) {
    throw invalidField("assignedTo", "A shared (everyone or anyone) chore has no assignee to set; members claim it");
  }
  const claimer = current?.mode === "anyone" ? current.assignedToId : null;
  return mode === "anyone" && claimer !== null && assignees.includes(claimer) ? claimer : null;
}

/** Completed history rows per member (`performedAsId` → count), for least-completed rotation. */
export type Completions = Map<number, number>;

/**
 * Locks the chore's row until the transaction ends, then reads it, so concurrent writes
 * to one chore run one after the other on every database. Null when it is not in the circle.
 * Two statements, not one: a statement that waited for the lock still reads other rows
 * (assignees, history) as they were when it started, and the read must see what the
 * transaction that held the lock committed. `completions` also counts the chore's
 * completions per member, only for least-completed rotation, which needs them.
 */
export async function lockChore(tx: Tx, circleId: number, id: number): Promise<ChoreWithAssignees | null> {
  return (await lockChoreWithCompletions(tx, circleId, id))?.chore ?? null;
}

export async function lockChoreWithCompletions(
  tx: Tx,
  circleId: number,
  id: number,
): Promise<{ chore: ChoreWithAssignees; completions: Completions } | null> {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Chore" WHERE "id" = ${id} AND "circleId" = ${circleId} FOR UPDATE`;
  if (locked.length === 0) return null;
  const [row] = await tx.$queryRaw<{ chore: ChoreJson; completions: Record<string, number> | null }[]>`
    SELECT row_to_json(c) AS "chore", CASE WHEN c."assignmentStrategy" = 'least_completed' THEN (
      SELECT json_object_agg(h."performedAsId", h."count") FROM (
        SELECT "performedAsId", count(*) AS "count" FROM "ChoreHistory" WHERE "choreId" = c."id" AND "action" = 'completed' GROUP BY 1) h
    ) END AS "completions"
    FROM (SELECT ${choreJsonColumns} FROM "Chore" ch WHERE ch."id" = ${id}) c`;
  const completions: Completions = new Map(Object.entries(row!.completions ?? {}).map(([userId, count]) => [Number(userId), count]));
  return { chore: choreFromJson(row!.chore), completions };
}

/** `validation_failed` for one field, in the same shape as schema failures. */
export function invalidField(field: string, message: string, where: "body" | "query" = "body"): ApiError {
  return new ApiError("validation_failed", `Invalid ${where}: ${field}: ${message}`, { fields: { [field]: message } });
}

/** Assignees must be active members of the chore's circle. */
export async function requireActiveMembers(tx: Tx, circleId: number, userIds: readonly number[]): Promise<void> {
  if (userIds.length === 0) return;
  const active = await tx.membership.count({ where: { circleId, status: "active", userId: { in: [...userIds] } } });
  if (active !== userIds.length) throw invalidField("assignees", "Every assignee must be an active member of this circle");
}

/**
 * The current assignee after a create or an edit: the one asked for (it must be an
 * assignee), else the current one while they remain an assignee, else the first assignee.
 */
export function resolveAssignedTo(
  requested: number | null | undefined,
  assignees: readonly number[],
  current: number | null,
): number | null {
  if (requested !== undefined) {
    if (requested !== null && !assignees.includes(requested)) throw invalidField("assignedTo", "Must be one of the assignees");
    return requested;
  }
  return current !== null && assignees.includes(current) ? current : (assignees[0] ?? null);
}

/** Nested write that stores `userIds` as the assignees, positions in the given order. */
export const assigneeRows = (userIds: readonly number[]) => userIds.map((userId, position) => ({ userId, position }));
