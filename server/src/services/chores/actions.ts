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
import { recordAudit } from "../audit";
import type { ChoreWithAssignees } from "../../domain";
import { attribution, choreInclude, invalidField, lockChore, readFrequency, type Tx } from "./records";
import { nextAssignee } from "./rotation";
import { advanceSchedule } from "./schedule";
import { publishChange } from "../../realtime/changes";

/** How far ahead of the server's clock a client's `completedAt` may be. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** How long the person who did or skipped a chore may take it back. */
const UNDO_WINDOW_MINUTES = 10;

const invalidState = (message: string) => new ApiError("invalid_state", message);
const staleOccurrence = () =>
  new ApiError("stale_occurrence", "This occurrence was already completed or skipped; reload the chore and try again");

/** Locks the chore and checks that the subject may act on it and that it can be acted on. */
async function lockActionable(tx: Tx, ctx: CircleContext, id: number): Promise<ChoreWithAssignees> {
  const chore = chorePolicy.act(ctx, await lockChore(tx, ctx.circle.id, id));
  if (chore.archived) throw invalidState("This chore is archived; unarchive it first");
  if (chore.finishedAt) throw invalidState("This one-off chore is already done");
  return chore;
}

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
    throw notDueYet("This chore is already done for now; to complete or skip its next occurrence early, send that occurrence's dueDate", chore.nextDueDate);
  }
  if (chore.earlyFrom !== null && chore.earlyFrom > now) {
    throw notDueYet("This chore is already done ahead of time; the next occurrence can be done once the last one is due", chore.nextDueDate);
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
}

/** Completes or skips the current occurrence, advances the schedule and (on completion) rotates. */
async function resolveOccurrence(db: Database, ctx: CircleContext, id: number, resolution: Resolution): Promise<ChoreWithAssignees> {
  const { outcome, at } = resolution;
  try {
    return await db.prisma.$transaction(async (tx) => {
      const chore = await lockActionable(tx, ctx, id);
      const dueDate = chore.nextDueDate;
      if (resolution.expectedDue !== undefined && !isSameOccurrence(resolution.expectedDue, dueDate)) throw staleOccurrence();
      requireResolvable(chore, resolution.expectedDue !== undefined, resolution.now);
      const points = outcome === "completed" ? chore.points : 0;
      await tx.choreHistory.create({
        data: {
          choreId: chore.id,
          circleId: ctx.circle.id,
          action: outcome,
          note: resolution.note ?? null,
          points,
          dueDate,
          priorState: priorStateOf(chore),
          createdAt: at,
          ...attribution(ctx),
        },
      });
      if (points > 0) {
        // Points are a PostgreSQL integer: a total that would overflow is refused, not wrapped.
        const { count } = await tx.membership.updateMany({
          where: { userId: ctx.subject.id, circleId: ctx.circle.id, points: { lte: MAX_ID - points } },
          data: { points: { increment: points } },
        });
        if (count === 0) throw invalidState("This member's points total is at its maximum");
      }
      const frequency = readFrequency(chore.frequency);
      const schedule = { frequency, mode: chore.scheduleMode, dueDate, anchor: chore.scheduleAnchor };
      let next = advanceSchedule(schedule, ctx.circle.timezone, at);
      // A request naming no occurrence means "the current one": it must leave the chore not
      // overdue even when back-dated, or parallel back-dated requests would each resolve one
      // more missed occurrence (and credit its points); they resolve at most the occurrence
      // now current after it, and then the chore is done for now. Catching up on missed
      // occurrences one by one names each (`dueDate`), so parallel requests collide on
      // stale_occurrence.
      const unnamed = resolution.expectedDue === undefined;
      if (unnamed && next.nextDueDate && next.nextDueDate <= resolution.now) next = advanceSchedule(schedule, ctx.circle.timezone, resolution.now);
      // Negated so an invalid date (NaN) is refused too.
      if (next.nextDueDate && !(next.nextDueDate.getTime() < LATEST_API_DATE)) {
        throw invalidState("The next occurrence would be after 2199; change the chore's schedule or due date");
      }
      // Skipping keeps the assignee: passing a chore on is earned by doing it.
      const assignedToId = outcome === "completed" ? await rotateAssignee(tx, chore) : chore.assignedToId;
      const updated = await tx.chore.update({
        where: { id: chore.id },
        data: {
          nextDueDate: next.nextDueDate,
          scheduleAnchor: next.anchor,
          // The next occurrence is current once this one is due.
          currentFrom: dueDate,
          earlyFrom: chore.currentFrom,
          ...(frequency.type === "once" ? { finishedAt: at } : {}),
          assignedToId,
          status: "idle",
          timerSeconds: 0,
          timerRunningSince: null,
          version: { increment: 1 },
          ...attribution(ctx),
        },
        include: choreInclude,
      });
      await recordAudit(tx, ctx, {
        action: `chore.${outcome}`,
        entityType: "chore",
        entityId: chore.id,
        payload: {
          dueDate: dueDate?.toISOString() ?? null,
          nextDueDate: next.nextDueDate?.toISOString() ?? null,
          points,
          timerSeconds: timerTotal(chore, at),
          assignedTo: assignedToId,
        },
      });
      await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw staleOccurrence();
    throw error;
  }
}

async function rotateAssignee(tx: Tx, chore: ChoreWithAssignees): Promise<number | null> {
  const completions = new Map<number, number>();
  if (chore.assignmentStrategy === "least_completed") {
    const counts = await tx.choreHistory.groupBy({
      by: ["performedAsId"],
      where: { choreId: chore.id, action: "completed" },
      _count: { _all: true },
    });
    for (const row of counts) completions.set(row.performedAsId, row._count._all);
  }
  return nextAssignee({
    strategy: chore.assignmentStrategy,
    assignees: chore.assignees.map(({ userId }) => userId),
    current: chore.assignedToId,
    completions,
    random: Math.random,
  });
}

export function completeChore(db: Database, ctx: CircleContext, id: number, input: DoChoreRequest, now = new Date()) {
  const at = input.completedAt === undefined ? now : new Date(input.completedAt);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalidField("completedAt", "Cannot be in the future");
  return resolveOccurrence(db, ctx, id, { outcome: "completed", note: input.note, expectedDue: input.dueDate, at, now });
}

export function skipChore(db: Database, ctx: CircleContext, id: number, input: SkipChoreRequest, now = new Date()) {
  return resolveOccurrence(db, ctx, id, { outcome: "skipped", note: input.note, expectedDue: input.dueDate, at: now, now });
}

/**
 * Takes back the chore's latest do or skip: removes its history row and its points and
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
    chorePolicy.undo(ctx, last);
    // Any later write (a timer, an edit, another do) bumped the version past this action's.
    if (chore.version !== prior.version + 1) throw undoUnavailable("Something else happened to this chore since; it can no longer be undone");
    if (now.getTime() - chore.updatedAt.getTime() > UNDO_WINDOW_MINUTES * 60_000) {
      throw undoUnavailable(`Undo is only possible for ${UNDO_WINDOW_MINUTES} minutes`);
    }

    await tx.choreHistory.delete({ where: { id: last.id } });
    if (last.points > 0) {
      await tx.membership.updateMany({
        where: { userId: last.performedAsId, circleId: ctx.circle.id },
        data: { points: { decrement: last.points } },
      });
    }
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
        version: { increment: 1 },
        ...attribution(ctx),
      },
      include: choreInclude,
    });
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
      },
    });
    return restored;
  });
}

/** Starts the timer (or resumes it after a pause), or pauses it, keeping the seconds so far. */
export async function runTimer(db: Database, ctx: CircleContext, id: number, action: "started" | "paused", now = new Date()) {
  return db.prisma.$transaction(async (tx) => {
    const chore = await lockActionable(tx, ctx, id);
    const running = chore.status === "in_progress";
    if (action === "started" && running) throw invalidState("The timer is already running");
    if (action === "paused" && !running) throw invalidState("The timer is not running");
    const timer =
      action === "started"
        ? { status: "in_progress" as const, timerRunningSince: now }
        : { status: "paused" as const, timerSeconds: timerTotal(chore, now), timerRunningSince: null };
    await tx.choreHistory.create({
      data: { choreId: chore.id, circleId: ctx.circle.id, action, dueDate: chore.nextDueDate, createdAt: now, ...attribution(ctx) },
    });
    const updated = await tx.chore.update({
      where: { id: chore.id },
      data: { ...timer, version: { increment: 1 }, ...attribution(ctx) },
      include: choreInclude,
    });
    await recordAudit(tx, ctx, {
      action: `chore.${action}`,
      entityType: "chore",
      entityId: chore.id,
      payload: { timerSeconds: updated.timerSeconds },
    });
    await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
    return updated;
  });
}
