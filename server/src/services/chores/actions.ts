/**
 * Do, skip, undo, start and pause, and the history they write. Each action is one
 * transaction that first locks the chore row, so concurrent actions on one chore run one
 * after the other: the second of two `do`s for the same occurrence sees the chore already
 * moved on and gets 409 stale_occurrence or not_due_yet (the unique index on
 * completed/skipped occurrences backs this up). Points go to the subject; history rows
 * record actor and subject. The occurrence rules are in
 * docs/decisions/0007-occurrences-undo-archive.md.
 */
import { LATEST_API_DATE, MAX_ID, choreStatusSchema, type DoChoreRequest, type SkipChoreRequest } from "@chorus/shared";
import { z } from "zod";
import type { CircleContext } from "../../context";
import type { Database } from "../../db/database";
import { ApiError } from "../../errors";
import { isUniqueViolation } from "../../db/uniqueViolation";
import { chorePolicy } from "../../policies/chores";
import { Prisma } from "../../generated/prisma/client";
import { auditInsertSql, recordAudit, type AuditEntry } from "../audit";
import { POINTS_ENTRY_COLUMNS, reverseEarned } from "../points";
import {
  attribution,
  choreFromJson,
  choreInclude,
  choreJsonColumns,
  invalidField,
  lockChore,
  lockChoreWithCompletions,
  readFrequency,
  type Completions,
  type Tx,
} from "./records";
import type { ChoreJson, ChoreWithAssignees } from "../../domain";
import { nextAssignee } from "./rotation";
import { awayAt, awaySql } from "../away";
import { missedAt, missedInsertSql, skippedOver, type Miss } from "../missed";
import { advanceSchedule } from "./schedule";
import { changeNotification, publishChange } from "../../realtime/changes";
import { claimEventNotices } from "../../reminders/eventNotices";
import { approvalPolicy } from "../../policies/approvals";
import { claimWaitingPhoto } from "../photos";
import { requireChecklistDone } from "./checklistRule";

/** How far ahead of the server's clock a client's `completedAt` may be. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** How long the person who did or skipped a chore may take it back. */
const UNDO_WINDOW_MINUTES = 10;

const invalidState = (message: string) => new ApiError("invalid_state", message);
const awaitingApproval = () =>
  new ApiError("awaiting_approval", "This chore is waiting for approval; an admin or manager approves or rejects it first");
export const staleOccurrence = () =>
  new ApiError("stale_occurrence", "This occurrence was already completed or skipped; reload the chore and try again");

/** Locks the chore and checks that the subject may act on it and that it can be acted on. */
export async function lockActionable(
  tx: Tx,
  ctx: CircleContext,
  id: number,
): Promise<{ chore: ChoreWithAssignees; completions: Completions }> {
  const locked = await lockChoreWithCompletions(tx, ctx.circle.id, id);
  const chore = chorePolicy.act(ctx, locked?.chore ?? null);
  requireOpen(chore);
  // While a completion waits, the occurrence is neither done again nor skipped nor timed (decision 0027).
  if (chore.pendingApprovalId !== null) throw awaitingApproval();
  return { chore, completions: locked!.completions };
}

function requireOpen(chore: ChoreWithAssignees): void {
  if (chore.archived) throw invalidState("This chore is archived; unarchive it first");
  if (chore.finishedAt) throw invalidState("This one-off chore is already done");
}

/** What one do, skip, start or pause writes besides the chore's own columns. */
interface ActionWrite {
  /** The chore's changed columns (version and attribution are added). */
  set: Prisma.Sql;
  history: {
    action: "completed" | "skipped" | "started" | "paused";
    note: string | null;
    dueDate: Date | null;
    priorState: PriorState | null;
    createdAt: Date;
    /** One assignee's part of an everyone chore's occurrence (decision 0035). */
    forPart?: boolean;
  };
  /** The occurrences a late do or skip jumps over, missed by whose turn they were (decisions 0031, 0035). */
  missed?: Miss[] | null;
  /** Credited to `by.performedAsId`; refused (nothing written) if their total would pass MAX_ID. */
  points: number;
  audit: AuditEntry;
  now: Date;
  /** Who did it, for whom, through which tablet: the request's own, or the member's whose completion is approved. */
  by: Attribution;
  /** The real person crediting the points: whoever did it, or the approver. */
  creditedBy: number;
  /** A waiting photo (claimed, so locked) the history row proves the completion with. */
  photoId?: number | null;
}

type Attribution = ReturnType<typeof attribution>;

/**
 * Every write of a chore action in one statement (decision 0017): the points and their
 * ledger row (decision 0025), the chore, its history row, the audit event and the change hint — one round trip while the
 * transaction holds a pooled connection, instead of one per write. The chore is locked, so
 * the only way nothing is written is the points refusal (a PostgreSQL integer must not
 * overflow): the other writes read the `chore` CTE, empty then, and null comes back.
 */
async function writeAction(
  tx: Tx,
  ctx: CircleContext,
  chore: ChoreWithAssignees,
  write: ActionWrite,
): Promise<{ chore: ChoreWithAssignees; historyId: number } | null> {
  const { by, history, points, now } = write;
  const missedCte = write.missed ? Prisma.sql`, missed AS (${missedInsertSql(write.missed, Prisma.sql`chore`)})` : Prisma.empty;
  const [row] = await tx.$queryRaw<{ chore: ChoreJson; historyId: number }[]>`
    WITH credited AS (
      UPDATE "Membership" SET "points" = "points" + ${points}::int, "updatedAt" = ${now}::timestamp(3)
      WHERE ${points}::int > 0 AND "userId" = ${by.performedAsId} AND "circleId" = ${ctx.circle.id} AND "points" <= ${MAX_ID - points}::int
      RETURNING "points"
    ), chore AS (
      UPDATE "Chore" SET ${write.set}, "version" = "version" + 1, "updatedById" = ${by.updatedById}::int,
        "performedAsId" = ${by.performedAsId}::int, "viaDeviceId" = ${by.viaDeviceId}::int, "updatedAt" = ${now}::timestamp(3)
      WHERE "id" = ${chore.id} AND (${points}::int = 0 OR EXISTS (SELECT 1 FROM credited))
      RETURNING *
    ), history AS (
      INSERT INTO "ChoreHistory" ("choreId", "circleId", "action", "updatedById", "performedAsId", "viaDeviceId",
        "note", "points", "dueDate", "priorState", "forPart", "createdAt")
      SELECT "id", "circleId", ${history.action}::"HistoryAction", ${by.updatedById}::int, ${by.performedAsId}::int, ${by.viaDeviceId}::int,
        ${history.note}::text, ${points}::int, ${history.dueDate}::timestamp(3),
        ${history.priorState === null ? null : JSON.stringify(history.priorState)}::jsonb,
        ${history.forPart ?? false}::boolean, ${history.createdAt}::timestamp(3)
      FROM chore
      RETURNING "id", "choreId"
    ), ledger AS (
      INSERT INTO "PointsEntry" ${POINTS_ENTRY_COLUMNS}
      SELECT ${ctx.circle.id}::int, ${by.performedAsId}::int, ${write.creditedBy}::int, ${by.viaDeviceId}::int, 'earned', ${points}::int,
        credited."points", history."choreId", history."id", NULL, ${now}::timestamp(3)
      FROM history, credited
    ), photo AS (
      UPDATE "ChorePhoto" SET "historyId" = history."id" FROM history WHERE "ChorePhoto"."id" = ${write.photoId ?? null}::int
    )${missedCte}, audit AS (
      ${auditInsertSql(ctx, write.audit, Prisma.sql`chore`)}
    ), notified AS (
      SELECT ${changeNotification({ type: "chores", circleIds: [ctx.circle.id] })} FROM chore
    )
    SELECT row_to_json(c) AS "chore", (SELECT "id" FROM history) AS "historyId"
    FROM (SELECT ${choreJsonColumns} FROM chore ch) c, notified`;
  return row ? { chore: choreFromJson(row.chore), historyId: row.historyId } : null;
}

/** `"column" = value` pairs for an UPDATE's SET, each value cast to the column's type. */
const assignments = (pairs: [column: string, value: Prisma.Sql][]) =>
  Prisma.join(pairs.map(([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`));
const timestampValue = (date: Date | null) => Prisma.sql`${date}::timestamp(3)`;
const intValue = (value: number | null) => Prisma.sql`${value}::int`;

/** Seconds on the timer, including a running stretch up to `now`. */
function timerTotal(chore: ChoreWithAssignees, now: Date): number {
  const running = chore.timerRunningSince ? Math.max(0, Math.floor((now.getTime() - chore.timerRunningSince.getTime()) / 1000)) : 0;
  return chore.timerSeconds + running;
}

const undoUnavailable = (message: string) => new ApiError("undo_unavailable", message);

const notDueYet = (message: string, due: Date | null) => new ApiError("not_due_yet", message, { dueDate: iso(due) });

/** What a do or skip changes on the chore, kept on its history row so undo can put it back. */
const priorStateSchema = z.object({
  version: z.number(),
  nextDueDate: z.iso.datetime().nullable(),
  scheduleAnchor: z.iso.datetime().nullable(),
  // Absent from rows written before occurrences had these; the occurrence was then current.
  currentFrom: z.iso.datetime().nullable().default(null),
  earlyFrom: z.iso.datetime().nullable().default(null),
  assignedToId: z.number().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  status: choreStatusSchema,
  timerSeconds: z.number(),
  timerRunningSince: z.iso.datetime().nullable(),
});
type PriorState = z.infer<typeof priorStateSchema>;

const iso = (date: Date | null) => date?.toISOString() ?? null;
const fromIso = (value: string | null) => (value === null ? null : new Date(value));

function priorStateOf(chore: ChoreWithAssignees): PriorState {
  return {
    version: chore.version,
    nextDueDate: iso(chore.nextDueDate),
    scheduleAnchor: iso(chore.scheduleAnchor),
    currentFrom: iso(chore.currentFrom),
    earlyFrom: iso(chore.earlyFrom),
    assignedToId: chore.assignedToId,
    finishedAt: iso(chore.finishedAt),
    status: chore.status,
    timerSeconds: chore.timerSeconds,
    timerRunningSince: iso(chore.timerRunningSince),
  };
}

/**
 * Only the occurrence at `nextDueDate` can be resolved. It is *current* from
 * `currentFrom` (the due time of the occurrence resolved before it, or since creation)
 * and then needs no `dueDate`. Before that it is the occurrence after the current one,
 * resolved early: only when the request names it (`dueDate`), and only one occurrence
 * ahead — not before `earlyFrom`, while the occurrence resolved before it was itself early.
 */
function requireResolvable(chore: ChoreWithAssignees, named: boolean, now: Date): void {
  if (chore.currentFrom === null || chore.currentFrom <= now) return;
  if (!named) {
    throw notDueYet(
      "This chore is already done for now; to complete or skip its next occurrence early, send that occurrence's dueDate",
      chore.nextDueDate,
    );
  }
  if (chore.earlyFrom !== null && chore.earlyFrom > now) {
    throw notDueYet(
      "This chore is already done ahead of time; the next occurrence can be done once the last one is due",
      chore.nextDueDate,
    );
  }
}

const isSameOccurrence = (expected: string | null, due: Date | null) =>
  (expected === null ? null : Date.parse(expected)) === (due?.getTime() ?? null);

interface Resolution {
  outcome: "completed" | "skipped";
  note: string | undefined;
  /** The occurrence the client saw, when it said; undefined means "whatever is current". */
  expectedDue: string | null | undefined;
  /** When the action counts (a completion may be back-dated). */
  at: Date;
  now: Date;
  /** The uploaded photo proving a completion (decision 0030). */
  photoId?: number | undefined;
  /** An everyone chore's skip of the whole occurrence, not of one's own part (decision 0035). */
  whole?: boolean | undefined;
}

/** Completes or skips the current occurrence, advances the schedule and (on completion) rotates. */
async function resolveOccurrence(db: Database, ctx: CircleContext, id: number, resolution: Resolution): Promise<ChoreWithAssignees> {
  try {
    return await db.prisma.$transaction(async (tx) => {
      const { chore, completions } = await lockActionable(tx, ctx, id);
      if (resolution.expectedDue !== undefined && !isSameOccurrence(resolution.expectedDue, chore.nextDueDate)) throw staleOccurrence();
      requireResolvable(chore, resolution.expectedDue !== undefined, resolution.now);
      if (resolution.outcome === "completed" && chore.photoRequired && resolution.photoId === undefined) {
        throw new ApiError("photo_required", "This chore needs a photo: upload one (POST /chores/:id/photos) and send its photoId");
      }
      if (resolution.outcome === "completed") chorePolicy.complete(ctx, chore);
      else chorePolicy.skip(ctx, chore, resolution.whole ?? false);
      if (chore.assignmentMode === "everyone" && !resolution.whole) requireOpenPart(chore, ctx.subject.id);
      if (resolution.outcome === "completed") await requireChecklistDone(tx, chore);
      const photoId = resolution.photoId === undefined ? null : await claimWaitingPhoto(tx, ctx, chore.id, resolution.photoId);
      if (resolution.outcome === "completed" && approvalPolicy.completionWaits(ctx, chore)) {
        return awaitApproval(tx, ctx, chore, resolution, photoId);
      }
      const by = attribution(ctx);
      const resolved = await writeResolution(tx, ctx, chore, completions, {
        ...resolution,
        // A request naming no occurrence means "the current one": it must leave the chore not
        // overdue even when back-dated, or parallel back-dated requests would each resolve one
        // more missed occurrence (and credit its points); they resolve at most the occurrence
        // now current after it, and then the chore is done for now. Catching up on missed
        // occurrences one by one names each (`dueDate`), so parallel requests collide on
        // stale_occurrence.
        pastNow: resolution.expectedDue === undefined,
        by,
        creditedBy: by.updatedById,
        audit: { action: `chore.${resolution.outcome}`, payload: {} },
        photoId,
        whole: resolution.whole ?? false,
      });
      return resolved.chore;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw staleOccurrence();
    throw error;
  }
}

/**
 * A member's completion of a chore that needs approval (decision 0027): nothing moves and no
 * points are credited; the chore waits, so its occurrence can be done only once.
 */
async function awaitApproval(tx: Tx, ctx: CircleContext, chore: ChoreWithAssignees, resolution: Resolution, photoId: number | null) {
  const by = attribution(ctx);
  const approval = await tx.choreApproval.create({
    data: {
      circleId: ctx.circle.id,
      choreId: chore.id,
      userId: by.performedAsId,
      actorUserId: by.updatedById,
      viaDeviceId: by.viaDeviceId,
      dueDate: chore.nextDueDate,
      note: resolution.note ?? null,
      completedAt: resolution.at,
    },
  });
  // Admins and managers hear of it on their channels after commit (decision 0039).
  await claimEventNotices(tx, {
    circleId: ctx.circle.id,
    event: "approval_needed",
    subjectId: approval.id,
    aboutUserIds: [by.performedAsId, by.updatedById],
  });
  // The photo waits with it, shown in the queue, and proves the completion once approved (decision 0030).
  if (photoId !== null) await tx.chorePhoto.update({ where: { id: photoId }, data: { approvalId: approval.id } });
  const waiting = await tx.chore.update({
    where: { id: chore.id },
    data: {
      pendingApprovalId: approval.id,
      ...NO_REJECTION,
      version: { increment: 1 },
      ...by,
    },
    include: choreInclude,
  });
  await recordAudit(tx, ctx, {
    action: "chore.approval_requested",
    entityType: "chore",
    entityId: chore.id,
    payload: { approvalId: approval.id, dueDate: iso(chore.nextDueDate), points: chore.points },
  });
  await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
  return waiting;
}

const NO_REJECTION = { rejectionNote: null, rejectedById: null, rejectedAt: null };

interface ResolutionWrite extends Omit<Resolution, "photoId"> {
  /** Move the schedule past `now`, not only past `at` (see resolveOccurrence). */
  pastNow: boolean;
  by: Attribution;
  creditedBy: number;
  /** The event's action and what it adds to the resolution's own facts. */
  audit: { action: string; payload: Record<string, unknown> };
  /** The claimed photo proving a completion (decision 0030). */
  photoId: number | null;
  /** See Resolution. */
  whole: boolean;
}

/** An everyone chore's part is done or skipped once per member and occurrence (decision 0035). */
function requireOpenPart(chore: ChoreWithAssignees, userId: number): void {
  if (chore.resolvedParts?.some((part) => part.userId === userId)) {
    throw new ApiError("part_already_resolved", "This member's part of the chore is already done or skipped for this occurrence");
  }
}

/**
 * The other assignees whose part of the everyone chore's current occurrence is still open after
 * `userId`'s: those away at its due time (or the circle paused) do not hold it back (decision 0034).
 */
async function openPartsAfter(tx: Tx, chore: ChoreWithAssignees, userId: number): Promise<number[]> {
  const resolved = new Set([userId, ...(chore.resolvedParts ?? []).map((part) => part.userId)]);
  const open = chore.assignees.map((assignee) => assignee.userId).filter((id) => !resolved.has(id));
  if (open.length === 0 || chore.nextDueDate === null) return open;
  const away = awaySql(Prisma.sql`${chore.circleId}::int`, Prisma.sql`ca."userId"`, Prisma.sql`${chore.nextDueDate}::timestamp(3)`);
  const rows = await tx.$queryRaw<{ userId: number }[]>`
    SELECT ca."userId" FROM "ChoreAssignee" ca WHERE ca."choreId" = ${chore.id} AND ${away}`;
  const awayIds = new Set(rows.map((row) => row.userId));
  return open.filter((id) => !awayIds.has(id));
}

/**
 * One assignee's part of an everyone chore's occurrence, while others' are still open: their
 * history row (undoable like any do or skip) and points; the schedule stays where it is.
 */
async function writePart(tx: Tx, ctx: CircleContext, chore: ChoreWithAssignees, write: ResolutionWrite, left: number[]) {
  const points = write.outcome === "completed" ? chore.points : 0;
  const updated = await writeAction(tx, ctx, chore, {
    set: assignments([
      ["pendingApprovalId", Prisma.sql`NULL`],
      ["rejectionNote", Prisma.sql`NULL`],
      ["rejectedById", Prisma.sql`NULL`],
      ["rejectedAt", Prisma.sql`NULL`],
    ]),
    history: {
      action: write.outcome,
      note: write.note ?? null,
      dueDate: chore.nextDueDate,
      priorState: priorStateOf(chore),
      createdAt: write.at,
      forPart: true,
    },
    points,
    audit: {
      action: write.audit.action,
      entityType: "chore",
      entityId: chore.id,
      payload: { ...write.audit.payload, part: true, dueDate: iso(chore.nextDueDate), points, left },
    },
    now: write.now,
    by: write.by,
    creditedBy: write.creditedBy,
    photoId: write.photoId,
  });
  if (!updated) throw invalidState("This member's points total is at its maximum");
  // The statement's read of the parts saw the history as it was before its own insert.
  updated.chore.resolvedParts = [...(chore.resolvedParts ?? []), { userId: write.by.performedAsId, action: write.outcome }];
  return updated;
}

/**
 * Resolves the locked chore's occurrence at `nextDueDate`: the schedule moves on, the assignee
 * rotates on completion, points are credited to `by.performedAsId`, any waiting approval or
 * rejection is cleared.
 */
async function writeResolution(
  tx: Tx,
  ctx: CircleContext,
  chore: ChoreWithAssignees,
  completions: Completions,
  write: ResolutionWrite,
): Promise<{ chore: ChoreWithAssignees; historyId: number }> {
  const { outcome, at } = write;
  // An everyone chore's occurrence is complete once every present assignee's part is resolved (decision 0035).
  const forPart = chore.assignmentMode === "everyone" && !write.whole;
  if (forPart) {
    const left = await openPartsAfter(tx, chore, write.by.performedAsId);
    if (left.length > 0) return writePart(tx, ctx, chore, write, left);
  }
  const dueDate = chore.nextDueDate;
  const points = outcome === "completed" ? chore.points : 0;
  const frequency = readFrequency(chore.frequency);
  const schedule = { frequency, mode: chore.scheduleMode, dueDate, anchor: chore.scheduleAnchor, activeMonths: chore.activeMonths };
  let next = advanceSchedule(schedule, ctx.circle.timezone, at);
  if (write.pastNow && next.nextDueDate && next.nextDueDate <= write.now) next = advanceSchedule(schedule, ctx.circle.timezone, write.now);
  // Negated so an invalid date (NaN) is refused too.
  if (next.nextDueDate && !(next.nextDueDate.getTime() < LATEST_API_DATE)) {
    throw invalidState("The next occurrence would be after 2199; change the chore's schedule or due date");
  }
  // The occurrences a late fixed schedule jumps over were missed by whose turn they were (decision 0031):
  // a rotation chore's assignee; every assignee of a shared chore, as nobody had done or claimed them (0035).
  const rule = { schedule, windowMinutes: chore.completionWindowMinutes, timezone: ctx.circle.timezone };
  const missers =
    chore.assignmentMode !== "rotation"
      ? chore.assignees.map(({ userId }) => userId)
      : chore.assignedToId === null
        ? []
        : [chore.assignedToId];
  const jumpedOver = skippedOver(rule, dueDate, next.nextDueDate);
  // Skipping keeps the assignee: passing a chore on is earned by doing it.
  const rotates = outcome === "completed" && chore.assignmentMode === "rotation";
  const passOver = rotates && next.nextDueDate !== null && chore.assignmentStrategy !== "keep" && chore.assignees.length >= 2;
  // Away days (decision 0034) both pass members over at the next occurrence and excuse them from
  // the ones jumped over: one read for both, and none when neither asks.
  const periods = await awayPeriodsTouching(tx, chore, {
    from: jumpedOver[0] ?? next.nextDueDate,
    to: passOver ? next.nextDueDate : (jumpedOver[jumpedOver.length - 1] ?? null),
    needed: passOver || (jumpedOver.length > 0 && missers.length > 0),
  });
  const jumped = missers.flatMap((userId) =>
    jumpedOver.filter((date) => !awayAt(periods, userId, date)).map((missedDue) => ({ userId, dueDate: missedDue })),
  );
  const away = new Set(
    passOver ? chore.assignees.map(({ userId }) => userId).filter((userId) => awayAt(periods, userId, next.nextDueDate!)) : [],
  );
  // A shared chore's next occurrence is open to every assignee again (no claim, no one current).
  const kept = chore.assignmentMode === "rotation" ? chore.assignedToId : null;
  const assignedToId = rotates ? rotateAssignee(chore, completions, write.by.performedAsId, away) : kept;
  const updated = await writeAction(tx, ctx, chore, {
    set: assignments([
      ["nextDueDate", timestampValue(next.nextDueDate)],
      ["scheduleAnchor", timestampValue(next.anchor)],
      // The next occurrence is current once this one is due.
      ["currentFrom", timestampValue(dueDate)],
      ["earlyFrom", timestampValue(chore.currentFrom)],
      ["finishedAt", frequency.type === "once" ? timestampValue(at) : Prisma.sql`"finishedAt"`],
      ["assignedToId", intValue(assignedToId)],
      ["status", Prisma.sql`'idle'`],
      ["timerSeconds", Prisma.sql`0`],
      ["timerRunningSince", Prisma.sql`NULL`],
      ["pendingApprovalId", Prisma.sql`NULL`],
      ["rejectionNote", Prisma.sql`NULL`],
      ["rejectedById", Prisma.sql`NULL`],
      ["rejectedAt", Prisma.sql`NULL`],
    ]),
    history: { action: outcome, note: write.note ?? null, dueDate, priorState: priorStateOf(chore), createdAt: at, forPart },
    missed:
      jumped.length === 0
        ? null
        : // Each at the moment it was missed, never after now (a window may outlast the schedule's jump).
          jumped.map(({ userId, dueDate: due }) => {
            const missed = missedAt(rule, due)!;
            return { userId, dueDate: due, at: missed < write.now ? missed : write.now };
          }),
    points,
    audit: {
      action: write.audit.action,
      entityType: "chore",
      entityId: chore.id,
      payload: {
        ...write.audit.payload,
        dueDate: dueDate?.toISOString() ?? null,
        nextDueDate: next.nextDueDate?.toISOString() ?? null,
        points,
        timerSeconds: timerTotal(chore, at),
        assignedTo: assignedToId,
        ...(write.photoId === null ? {} : { photoId: write.photoId }),
        ...(jumped.length === 0 ? {} : { missed: [...new Set(jumped.map((miss) => miss.dueDate.toISOString()))].sort() }),
        ...(forPart ? { part: true } : {}),
        ...(write.whole ? { whole: true } : {}),
      },
    },
    now: write.now,
    by: write.by,
    creditedBy: write.creditedBy,
    photoId: write.photoId,
  });
  if (!updated) throw invalidState("This member's points total is at its maximum");
  return updated;
}

/**
 * Approves a waiting completion on its locked chore (services/approvals.ts): the occurrence the
 * chore waited on is resolved as the member's completion — history and rotation name them and
 * the points go to them — with the approver in the ledger row and the audit event. The
 * occurrences that passed while it waited could not be done, so the schedule moves past now.
 */
export function approveCompletion(
  tx: Tx,
  ctx: CircleContext,
  locked: { chore: ChoreWithAssignees; completions: Completions },
  approval: { id: number; userId: number; actorUserId: number; viaDeviceId: number | null; note: string | null; completedAt: Date },
  photoId: number | null,
  now: Date,
) {
  requireOpen(locked.chore);
  return writeResolution(tx, ctx, locked.chore, locked.completions, {
    outcome: "completed",
    note: approval.note ?? undefined,
    expectedDue: iso(locked.chore.nextDueDate),
    at: approval.completedAt,
    now,
    pastNow: true,
    by: { updatedById: approval.actorUserId, performedAsId: approval.userId, viaDeviceId: approval.viaDeviceId },
    creditedBy: ctx.actor.id,
    audit: { action: "chore.approved", payload: { approvalId: approval.id, member: approval.userId, doneBy: approval.actorUserId } },
    photoId,
    whole: false,
  });
}

/** The next assignee after `completedBy` completes the chore (counted among the completions, as the history row being written). */
function rotateAssignee(
  chore: ChoreWithAssignees,
  completions: Completions,
  completedBy: number,
  away: ReadonlySet<number>,
): number | null {
  if (chore.assignmentStrategy === "least_completed") completions.set(completedBy, (completions.get(completedBy) ?? 0) + 1);
  return nextAssignee({
    strategy: chore.assignmentStrategy,
    assignees: chore.assignees.map(({ userId }) => userId),
    current: chore.assignedToId,
    completions,
    random: Math.random,
    away,
  });
}

/** The away days and pauses of the chore's circle and assignees touching `from`–`to`: one statement, or none when not `needed`. */
function awayPeriodsTouching(
  tx: Tx,
  chore: ChoreWithAssignees,
  { from, to, needed }: { from: Date | null; to: Date | null; needed: boolean },
): Promise<{ userId: number | null; startsAt: Date; endsAt: Date }[]> {
  if (!needed || from === null || to === null) return Promise.resolve([]);
  return tx.awayPeriod.findMany({
    where: {
      circleId: chore.circleId,
      OR: [{ userId: null }, { userId: { in: chore.assignees.map(({ userId }) => userId) } }],
      startsAt: { lte: to },
      endsAt: { gt: from },
    },
    select: { userId: true, startsAt: true, endsAt: true },
  });
}

export function completeChore(db: Database, ctx: CircleContext, id: number, input: DoChoreRequest, now = new Date()) {
  const at = input.completedAt === undefined ? now : new Date(input.completedAt);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalidField("completedAt", "Cannot be in the future");
  return resolveOccurrence(db, ctx, id, {
    outcome: "completed",
    note: input.note,
    expectedDue: input.dueDate,
    at,
    now,
    photoId: input.photoId,
  });
}

export function skipChore(db: Database, ctx: CircleContext, id: number, input: SkipChoreRequest, now = new Date()) {
  return resolveOccurrence(db, ctx, id, {
    outcome: "skipped",
    note: input.note,
    expectedDue: input.dueDate,
    at: now,
    now,
    whole: input.whole,
  });
}

/**
 * Takes back the chore's latest do or skip: removes its history row, reverses its points in
 * the ledger and
 * puts the schedule, assignee and timer back as they were. Only the person who did it,
 * acting for the same member, within UNDO_WINDOW_MINUTES, and only while it is still the last
 * thing that happened to the chore; the audit log keeps both the action and its undo.
 */
export async function undoLastOutcome(db: Database, ctx: CircleContext, id: number, now = new Date()): Promise<ChoreWithAssignees> {
  return db.prisma.$transaction(async (tx) => {
    const chore = chorePolicy.act(ctx, await lockChore(tx, ctx.circle.id, id));
    const last = await tx.choreHistory.findFirst({
      where: { choreId: chore.id, action: { in: ["completed", "skipped"] } },
      orderBy: { id: "desc" },
    });
    const prior = last?.priorState == null ? null : priorStateSchema.parse(last.priorState);
    if (!last || !prior) throw undoUnavailable("There is nothing to undo on this chore");
    // An approved completion is the approver's to undo; it then waits for approval again (decision 0027).
    const approval = last.action === "completed" ? await tx.choreApproval.findFirst({ where: { historyId: last.id } }) : null;
    if (approval) approvalPolicy.undo(ctx, approval);
    else chorePolicy.undo(ctx, last);
    // Any later write (a timer, an edit, another do) bumped the version past this action's.
    if (chore.version !== prior.version + 1)
      throw undoUnavailable("Something else happened to this chore since; it can no longer be undone");
    if (now.getTime() - chore.updatedAt.getTime() > UNDO_WINDOW_MINUTES * 60_000) {
      throw undoUnavailable(`Undo is only possible for ${UNDO_WINDOW_MINUTES} minutes`);
    }

    // The ledger keeps the points earned and adds their reversal; the history row goes.
    if (last.points > 0) {
      const earned = { userId: last.performedAsId, points: last.points, choreId: chore.id, historyId: last.id };
      if ((await reverseEarned(tx, ctx, earned, now)) === null) {
        throw undoUnavailable("The points for this were already taken away or spent; it can no longer be undone");
      }
    }
    await tx.choreHistory.delete({ where: { id: last.id } });
    const restored = await tx.chore.update({
      where: { id: chore.id },
      data: {
        nextDueDate: fromIso(prior.nextDueDate),
        scheduleAnchor: fromIso(prior.scheduleAnchor),
        currentFrom: fromIso(prior.currentFrom),
        earlyFrom: fromIso(prior.earlyFrom),
        assignedToId: prior.assignedToId,
        finishedAt: fromIso(prior.finishedAt),
        status: prior.status,
        timerSeconds: prior.timerSeconds,
        timerRunningSince: fromIso(prior.timerRunningSince),
        pendingApprovalId: approval?.id ?? null,
        version: { increment: 1 },
        ...attribution(ctx),
      },
      include: choreInclude,
    });
    if (approval) {
      await tx.choreApproval.update({
        where: { id: approval.id },
        data: { status: "pending", decidedById: null, decidedAt: null, historyId: null },
      });
    }
    await recordAudit(tx, ctx, {
      action: "chore.undone",
      entityType: "chore",
      entityId: chore.id,
      payload: {
        undoneAction: `chore.${last.action}`,
        historyId: last.id,
        dueDate: iso(last.dueDate),
        note: last.note,
        points: last.points,
        performedAs: last.performedAsId,
        nextDueDate: prior.nextDueDate,
        assignedTo: prior.assignedToId,
        ...(approval ? { approvalId: approval.id } : {}),
      },
    });
    return restored;
  });
}

/** Starts the timer (or resumes it after a pause), or pauses it, keeping the seconds so far. */
export async function runTimer(db: Database, ctx: CircleContext, id: number, action: "started" | "paused", now = new Date()) {
  return db.prisma.$transaction(async (tx) => {
    const { chore } = await lockActionable(tx, ctx, id);
    const running = chore.status === "in_progress";
    if (action === "started" && running) throw invalidState("The timer is already running");
    if (action === "paused" && !running) throw invalidState("The timer is not running");
    const timerSeconds = action === "started" ? chore.timerSeconds : timerTotal(chore, now);
    const timer: [string, Prisma.Sql][] =
      action === "started"
        ? [
            ["status", Prisma.sql`'in_progress'`],
            ["timerRunningSince", timestampValue(now)],
          ]
        : [
            ["status", Prisma.sql`'paused'`],
            ["timerSeconds", intValue(timerSeconds)],
            ["timerRunningSince", Prisma.sql`NULL`],
          ];
    const by = attribution(ctx);
    // No points, so the write cannot be refused.
    return (await writeAction(tx, ctx, chore, {
      set: assignments(timer),
      history: { action, note: null, dueDate: chore.nextDueDate, priorState: null, createdAt: now },
      points: 0,
      audit: { action: `chore.${action}`, entityType: "chore", entityId: chore.id, payload: { timerSeconds } },
      now,
      by,
      creditedBy: by.updatedById,
    }))!.chore;
  });
}
