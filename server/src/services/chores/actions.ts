/**
 * Do, skip, start and pause, and the history they write. Each action is one transaction
 * that first locks the chore row, so concurrent actions on one chore run one after the
 * other: the second of two `do`s for the same occurrence sees the chore already moved on
 * and gets 409 stale_occurrence (the unique index on completed/skipped occurrences backs
 * this up). Points go to the subject; history rows record actor and subject.
 */
import type { DoChoreRequest, SkipChoreRequest } from "@chorus/shared";
import type { CircleContext } from "../../context";
import type { Database } from "../../db/database";
import { ApiError } from "../../errors";
import { isUniqueViolation } from "../../db/uniqueViolation";
import { chorePolicy } from "../../policies/chores";
import { recordAudit } from "../audit";
import { attribution, choreInclude, invalidField, lockChore, readFrequency, type ChoreWithAssignees, type Tx } from "./records";
import { nextAssignee } from "./rotation";
import { advanceSchedule } from "./schedule";

/** How far ahead of the server's clock a client's `completedAt` may be. */
const CLOCK_SKEW_MS = 5 * 60_000;

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

const isSameOccurrence = (expected: string | null, due: Date | null) =>
  (expected === null ? null : Date.parse(expected)) === (due?.getTime() ?? null);

interface Resolution {
  outcome: "completed" | "skipped";
  note: string | undefined;
  /** The occurrence the client saw, when it said; undefined means "whatever is due now". */
  expectedDue: string | null | undefined;
  at: Date;
}

/** Completes or skips the current occurrence, advances the schedule and (on completion) rotates. */
async function resolveOccurrence(db: Database, ctx: CircleContext, id: number, resolution: Resolution): Promise<ChoreWithAssignees> {
  const { outcome, at } = resolution;
  try {
    return await db.prisma.$transaction(async (tx) => {
      const chore = await lockActionable(tx, ctx, id);
      const dueDate = chore.nextDueDate;
      if (resolution.expectedDue !== undefined && !isSameOccurrence(resolution.expectedDue, dueDate)) throw staleOccurrence();
      const points = outcome === "completed" ? chore.points : 0;
      await tx.choreHistory.create({
        data: {
          choreId: chore.id,
          circleId: ctx.circle.id,
          action: outcome,
          note: resolution.note ?? null,
          points,
          dueDate,
          createdAt: at,
          ...attribution(ctx),
        },
      });
      if (points > 0) {
        await tx.membership.update({
          where: { userId_circleId: { userId: ctx.subject.id, circleId: ctx.circle.id } },
          data: { points: { increment: points } },
        });
      }
      const frequency = readFrequency(chore.frequency);
      const next = advanceSchedule({ frequency, mode: chore.scheduleMode, dueDate, anchor: chore.scheduleAnchor }, ctx.circle.timezone, at);
      // Skipping keeps the assignee: passing a chore on is earned by doing it.
      const assignedToId = outcome === "completed" ? await rotateAssignee(tx, chore) : chore.assignedToId;
      const updated = await tx.chore.update({
        where: { id: chore.id },
        data: {
          nextDueDate: next.nextDueDate,
          scheduleAnchor: next.anchor,
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
  return resolveOccurrence(db, ctx, id, { outcome: "completed", note: input.note, expectedDue: input.dueDate, at });
}

export function skipChore(db: Database, ctx: CircleContext, id: number, input: SkipChoreRequest, now = new Date()) {
  return resolveOccurrence(db, ctx, id, { outcome: "skipped", note: input.note, expectedDue: input.dueDate, at: now });
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
    return updated;
  });
}
