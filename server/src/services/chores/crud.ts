/**
 * Creating, listing, reading, editing and deleting chores. Permissions come from
 * policies/chores.ts; every write is one transaction with its audit event.
 */
import type { ActiveMonths, ChorePenalty, choreListQuerySchema, CreateChoreRequest, UpdateChoreRequest } from "@chorus/shared";
import type { z } from "zod";
import type { CircleContext } from "../../context";
import type { Database } from "../../db/database";
import { chorePolicy } from "../../policies/chores";
import { recordAudit } from "../audit";
import { awaySql } from "../away";
import { Prisma } from "../../generated/prisma/client";
import { dueInSeason, firstDueDate } from "./schedule";
import {
  assigneeRows,
  choreFromJson,
  choreJsonColumns,
  attribution,
  choreInclude,
  lockChore,
  readFrequency,
  requireActiveMembers,
  assignedToFor,
} from "./records";
import type { ChoreJson, ChoreWithAssignees } from "../../domain";
import { publishChange } from "../../realtime/changes";
import { saveChecklist } from "./checklist";

const toDate = (iso: string | null) => (iso === null ? null : new Date(iso));

/** Active months as stored (decision 0033): ascending, and empty for all year, however they were sent. */
const storedMonths = (months: ActiveMonths) => (months === null || months.length === 12 ? [] : [...months].sort((a, b) => a - b));

/** A mandatory chore's penalty as its columns (decision 0028); undefined leaves them as they are. */
function penaltyColumns(penalty: ChorePenalty | null | undefined) {
  if (penalty === undefined) return {};
  return { penaltyPoints: penalty?.points ?? null, penaltyGraceMinutes: penalty?.graceMinutes ?? 0 };
}

/** Whether `penalty` is what the chore has: sending it unchanged needs no right to change it. */
function samePenalty(penalty: ChorePenalty | null, chore: { penaltyPoints: number | null; penaltyGraceMinutes: number }): boolean {
  return penalty === null
    ? chore.penaltyPoints === null
    : penalty.points === chore.penaltyPoints && penalty.graceMinutes === chore.penaltyGraceMinutes;
}

export type ChoreListFilter = z.output<typeof choreListQuerySchema>;

/** chorePolicy.canSee as SQL over the chore table aliased `ch`, so a list filters in the database. */
export function visibleSql(ctx: CircleContext): Prisma.Sql {
  return Prisma.sql`ch."circleId" = ${ctx.circle.id} AND (
    NOT ch."isPrivate" OR ch."createdById" = ${ctx.subject.id}
    OR EXISTS (SELECT 1 FROM "ChoreAssignee" v WHERE v."choreId" = ch."id" AND v."userId" = ${ctx.subject.id}))`;
}

/**
 * One statement, whatever the number of chores: the rows come back as one JSON value,
 * which measured about four times faster than findMany with its assignees included
 * (docs/performance.md) — this is the endpoint every screen and wall tablet polls.
 */
export async function listChores(db: Database, ctx: CircleContext, filter: ChoreListFilter): Promise<ChoreWithAssignees[]> {
  return (await listChoreRows(db, ctx, filter)).map(choreFromJson);
}

/** The same list as the statement's JSON rows, for presenting as they are (GET /chores). */
export async function listChoreRows(db: Database, ctx: CircleContext, filter: ChoreListFilter, now = new Date()): Promise<ChoreJson[]> {
  const rows = await db.queryRows<{ chores: ChoreJson[] | null }>(choreListSql(ctx, filter, now));
  return rows[0]?.chores ?? [];
}

/**
 * "Whose task is it" as SQL over `ch` (decision 0035): a rotation chore's current assignee; an
 * anyone chore's claimer, or while unclaimed each of its assignees; an everyone chore's assignees
 * whose part of the current occurrence is still open.
 */
function assignedToSql(userId: number): Prisma.Sql {
  const isAssignee = Prisma.sql`EXISTS (SELECT 1 FROM "ChoreAssignee" a WHERE a."choreId" = ch."id" AND a."userId" = ${userId})`;
  return Prisma.sql`(ch."assignedToId" = ${userId}
    OR (ch."assignmentMode" = 'anyone' AND ch."assignedToId" IS NULL AND ${isAssignee})
    OR (ch."assignmentMode" = 'everyone' AND ${isAssignee} AND NOT EXISTS (
      SELECT 1 FROM "ChoreHistory" p WHERE p."choreId" = ch."id" AND p."forPart" AND p."performedAsId" = ${userId}
        AND p."action" IN ('completed', 'skipped') AND p."dueDate" IS NOT DISTINCT FROM ch."nextDueDate")))`;
}

/** The statement behind `listChores`; exported so the ceiling benchmark's bare server sends the same text. */
export function choreListSql(ctx: CircleContext, filter: ChoreListFilter, now = new Date()): Prisma.Sql {
  const assignedToId = chorePolicy.listAssignedTo(ctx, filter.assignedTo);
  return Prisma.sql`
    SELECT json_agg(c ORDER BY c."nextDueDate" ASC NULLS LAST, c."id") AS "chores" FROM (
      SELECT ${choreJsonColumns}
      FROM "Chore" ch
      WHERE ${visibleSql(ctx)}
        ${assignedToId === undefined ? Prisma.empty : Prisma.sql`AND ${assignedToSql(assignedToId)}`}
        ${filter.includeArchived === "true" ? Prisma.empty : Prisma.sql`AND NOT ch."archived"`}
        ${filter.due === "now" ? dueNowSql(now) : Prisma.empty}
    ) c`;
}

/**
 * Due now: the current occurrence's due time has passed and it still waits to be done — not
 * finished, not waiting for approval (it was done), not due while its assignee is away or the
 * circle paused (decision 0034: not due for them).
 */
function dueNowSql(now: Date): Prisma.Sql {
  const away = awaySql(Prisma.sql`ch."circleId"`, Prisma.sql`ch."assignedToId"`, Prisma.sql`ch."nextDueDate"`);
  return Prisma.sql`AND ch."nextDueDate" <= ${now.toISOString()}::timestamp(3)
    AND ch."finishedAt" IS NULL AND ch."pendingApprovalId" IS NULL AND NOT ${away}`;
}

export async function getChore(db: Database, ctx: CircleContext, id: number): Promise<ChoreWithAssignees> {
  return chorePolicy.view(ctx, await db.prisma.chore.findFirst({ where: { id, circleId: ctx.circle.id }, include: choreInclude }));
}

/**
 * Defaults: a one-off chore on a fixed schedule, assigned to the person creating it. A
 * repeating chore without a due date gets its first one from its rule.
 */
export async function createChore(
  db: Database,
  ctx: CircleContext,
  input: CreateChoreRequest,
  now = new Date(),
): Promise<ChoreWithAssignees> {
  if (input.penalty) chorePolicy.setPenalty(ctx);
  return db.prisma.$transaction(async (tx) => {
    const assignees = input.assignees ?? [ctx.subject.id];
    await requireActiveMembers(tx, ctx.circle.id, assignees);
    const frequency = input.frequency ?? { type: "once" };
    const activeMonths = storedMonths(input.activeMonths ?? null);
    const due = toDate(input.nextDueDate ?? null) ?? firstDueDate(frequency, ctx.circle.timezone, now);
    // The series is counted from the date asked for; the first occurrence is its first one in season.
    const schedule = { frequency, mode: input.scheduleMode ?? "fixed", activeMonths };
    const { nextDueDate, anchor } = due ? dueInSeason(schedule, ctx.circle.timezone, due, due) : { nextDueDate: null, anchor: null };
    const chore = await tx.chore.create({
      data: {
        circleId: ctx.circle.id,
        createdById: ctx.subject.id,
        name: input.name,
        description: input.description,
        frequency,
        scheduleMode: input.scheduleMode,
        nextDueDate,
        scheduleAnchor: anchor,
        activeMonths,
        assignedToId: assignedToFor(input.assignmentMode ?? "rotation", input.assignedTo, assignees, null),
        assignmentStrategy: input.assignmentStrategy,
        assignmentMode: input.assignmentMode,
        onlyAssigneeCompletes: input.onlyAssigneeCompletes,
        points: input.points,
        priority: input.priority,
        labels: input.labels,
        isPrivate: input.isPrivate,
        ...penaltyColumns(input.penalty),
        completionWindowMinutes: input.completionWindowMinutes,
        photoRequired: input.photoRequired,
        needsApproval: input.needsApproval,
        checklistRequired: input.checklistRequired,
        ...attribution(ctx),
        assignees: { create: assigneeRows(assignees) },
      },
      include: choreInclude,
    });
    if (input.checklist) await saveChecklist(tx, chore, input.checklist);
    await recordAudit(tx, ctx, { action: "chore.created", entityType: "chore", entityId: chore.id, payload: { name: chore.name } });
    await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
    return chore;
  });
}

/**
 * Changes the named fields. Setting the frequency, mode or due date restarts a fixed
 * series at the (new) due date, current at once; a new due date or a recurring frequency reopens a
 * finished one-off chore. A repeating chore left without a due date gets one from its rule.
 * A due date outside the chore's (new) active months moves to its first date in season.
 */
export async function updateChore(
  db: Database,
  ctx: CircleContext,
  id: number,
  input: UpdateChoreRequest,
  now = new Date(),
): Promise<ChoreWithAssignees> {
  return db.prisma.$transaction(async (tx) => {
    const chore = chorePolicy.edit(ctx, await lockChore(tx, ctx.circle.id, id));
    if (input.penalty !== undefined && !samePenalty(input.penalty, chore)) chorePolicy.setPenalty(ctx);
    if (input.assignees) await requireActiveMembers(tx, ctx.circle.id, input.assignees);
    const assignees = input.assignees ?? chore.assignees.map(({ userId }) => userId);
    const frequency = input.frequency ?? readFrequency(chore.frequency);
    const requestedDue = input.nextDueDate === undefined ? chore.nextDueDate : toDate(input.nextDueDate);
    const derivedDue = requestedDue === null ? firstDueDate(frequency, ctx.circle.timezone, now) : null;
    const due = requestedDue ?? derivedDue;
    const rescheduled =
      input.frequency !== undefined || input.scheduleMode !== undefined || input.nextDueDate !== undefined || derivedDue !== null;
    const activeMonths = input.activeMonths === undefined ? chore.activeMonths : storedMonths(input.activeMonths);
    const schedule = { frequency, mode: input.scheduleMode ?? chore.scheduleMode, activeMonths };
    const seasonAnchor = rescheduled ? due : (chore.scheduleAnchor ?? due);
    // A chore edited into a season it is outside of moves on to its first date in season.
    const inSeason = due && seasonAnchor ? dueInSeason(schedule, ctx.circle.timezone, due, seasonAnchor) : null;
    const nextDueDate = inSeason?.nextDueDate ?? due;
    const scheduleChanged = rescheduled || nextDueDate?.getTime() !== due?.getTime();
    const reopens = chore.finishedAt !== null && scheduleChanged && (frequency.type !== "once" || nextDueDate !== null);
    const updated = await tx.chore.update({
      where: { id: chore.id },
      data: {
        name: input.name,
        description: input.description,
        frequency: input.frequency,
        scheduleMode: input.scheduleMode,
        nextDueDate,
        scheduleAnchor: scheduleChanged ? (inSeason?.anchor ?? nextDueDate) : chore.scheduleAnchor,
        activeMonths,
        // A new schedule starts over, as a new chore does: its occurrence is current now.
        ...(scheduleChanged ? { currentFrom: null, earlyFrom: null } : {}),
        assignedToId: assignedToFor(input.assignmentMode ?? chore.assignmentMode, input.assignedTo, assignees, {
          mode: chore.assignmentMode,
          assignedToId: chore.assignedToId,
        }),
        assignmentStrategy: input.assignmentStrategy,
        assignmentMode: input.assignmentMode,
        onlyAssigneeCompletes: input.onlyAssigneeCompletes,
        points: input.points,
        priority: input.priority,
        labels: input.labels,
        isPrivate: input.isPrivate,
        ...penaltyColumns(input.penalty),
        completionWindowMinutes: input.completionWindowMinutes,
        photoRequired: input.photoRequired,
        needsApproval: input.needsApproval,
        checklistRequired: input.checklistRequired,
        archived: input.archived,
        ...(reopens ? { finishedAt: null } : {}),
        version: { increment: 1 },
        ...attribution(ctx),
        ...(input.assignees ? { assignees: { deleteMany: {}, create: assigneeRows(input.assignees) } } : {}),
      },
      include: choreInclude,
    });
    if (input.checklist) await saveChecklist(tx, chore, input.checklist);
    await recordAudit(tx, ctx, { action: "chore.updated", entityType: "chore", entityId: chore.id, payload: { changes: input } });
    await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
    return updated;
  });
}

export async function deleteChore(db: Database, ctx: CircleContext, id: number): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const chore = chorePolicy.remove(ctx, await lockChore(tx, ctx.circle.id, id));
    await tx.chore.delete({ where: { id: chore.id } });
    // `isPrivate`: once the chore is gone, the audit log can only tell from here whether its name may be shown.
    await recordAudit(tx, ctx, {
      action: "chore.deleted",
      entityType: "chore",
      entityId: chore.id,
      payload: { name: chore.name, isPrivate: chore.isPrivate },
    });
    await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
  });
}
