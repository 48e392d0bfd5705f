/**
 * Away mode (docs/decisions/0034-away-mode.md). A period is whole days in the circle's zone;
 * the instants those days begin and end are fixed when it is set, so the rules (rotation,
 * reminders, penalties) compare timestamps and a later change of zone moves no period.
 */
import { AWAY_MAX_LEAD_DAYS, AWAY_MAX_PERIODS, type CreateAwayPeriodRequest } from "@chorus/shared";
import { DateTime } from "luxon";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import { calendarDay, type AwayPeriodRow } from "../domain";
import { ApiError, forbidden, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { publishChange } from "../realtime/changes";
import { recordAudit } from "./audit";
import { invalidField } from "./chores/records";

type Db = Database["prisma"] | Prisma.TransactionClient;

const awayPeriodSelect = {
  id: true,
  userId: true,
  startsOn: true,
  endsOn: true,
  startsAt: true,
  endsAt: true,
  user: { select: { id: true, displayName: true } },
} satisfies Prisma.AwayPeriodSelect;

/** The periods of a circle not over at `now`, soonest first. */
export function listAwayPeriods(db: Db, circleId: number, now = new Date()): Promise<AwayPeriodRow[]> {
  return db.awayPeriod.findMany({
    where: { circleId, endsAt: { gt: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: awayPeriodSelect,
  });
}

/** Whether `userId` is away, or the circle paused, at `at` (for `userId` null: whether the circle is paused). */
export function awayAt(
  periods: readonly Pick<AwayPeriodRow, "userId" | "startsAt" | "endsAt">[],
  userId: number | null,
  at: Date,
): boolean {
  return periods.some((period) => (period.userId === null || period.userId === userId) && period.startsAt <= at && at < period.endsAt);
}

/**
 * SQL true when the member `userId` is away, or the circle `circleId` paused, at `at`
 * (column expressions of the caller's query).
 */
export function awaySql(circleId: Prisma.Sql, userId: Prisma.Sql, at: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "AwayPeriod" ap WHERE ap."circleId" = ${circleId}
    AND (ap."userId" IS NULL OR ap."userId" = ${userId}) AND ap."startsAt" <= ${at} AND ${at} < ap."endsAt")`;
}

/** A member's own days, or an admin's for anyone and for the whole circle. */
function requireMaySet(ctx: CircleContext, userId: number | null) {
  if (ctx.role === "admin") return;
  if (userId === null) throw forbidden("Only circle admins can pause the whole circle");
  if (userId !== ctx.subject.id) throw forbidden("Only circle admins can set another member's away days");
}

export async function createAwayPeriod(db: Database, ctx: CircleContext, input: CreateAwayPeriodRequest, now = new Date()) {
  requireMaySet(ctx, input.userId);
  const zone = ctx.circle.timezone;
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const first = DateTime.fromISO(input.startsOn, { zone });
  const last = DateTime.fromISO(input.endsOn, { zone });
  if (last < today) throw invalidField("endsOn", "The last day is already past");
  if (first.diff(today, "days").days > AWAY_MAX_LEAD_DAYS)
    throw invalidField("startsOn", `Start within ${AWAY_MAX_LEAD_DAYS} days from today`);
  return db.prisma.$transaction(async (tx) => {
    // The member's (or circle's) row lock orders parallel writes, so the cap holds.
    if (input.userId === null) {
      await tx.$queryRaw`SELECT 1 FROM "Circle" WHERE "id" = ${ctx.circle.id} FOR UPDATE`;
    } else {
      const [member] = await tx.$queryRaw<{ id: number }[]>`
        SELECT "id" FROM "Membership" WHERE "circleId" = ${ctx.circle.id} AND "userId" = ${input.userId} AND "status" = 'active'
        FOR UPDATE`;
      if (!member) throw notFound("Member");
    }
    const open = await tx.awayPeriod.count({ where: { circleId: ctx.circle.id, userId: input.userId, endsAt: { gt: now } } });
    if (open >= AWAY_MAX_PERIODS)
      throw new ApiError("invalid_state", `At most ${AWAY_MAX_PERIODS} away periods at a time; remove one first`);
    const period = await tx.awayPeriod.create({
      data: {
        circleId: ctx.circle.id,
        userId: input.userId,
        startsOn: new Date(`${input.startsOn}T00:00:00Z`),
        endsOn: new Date(`${input.endsOn}T00:00:00Z`),
        startsAt: first.startOf("day").toJSDate(),
        endsAt: last.plus({ days: 1 }).startOf("day").toJSDate(),
        createdById: ctx.actor.id,
      },
      select: awayPeriodSelect,
    });
    await recordAudit(tx, ctx, {
      action: input.userId === null ? "circle.paused" : "member.away_set",
      entityType: input.userId === null ? "circle" : "user",
      entityId: input.userId ?? ctx.circle.id,
      payload: { awayPeriodId: period.id, startsOn: input.startsOn, endsOn: input.endsOn },
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return period;
  });
}

export async function deleteAwayPeriod(db: Database, ctx: CircleContext, id: number) {
  await db.prisma.$transaction(async (tx) => {
    const [period] = await tx.$queryRaw<{ userId: number | null; startsOn: Date; endsOn: Date }[]>`
      SELECT "userId", "startsOn", "endsOn" FROM "AwayPeriod" WHERE "id" = ${id} AND "circleId" = ${ctx.circle.id} FOR UPDATE`;
    if (!period) throw notFound("Away period");
    requireMaySet(ctx, period.userId);
    await tx.awayPeriod.delete({ where: { id } });
    await recordAudit(tx, ctx, {
      action: period.userId === null ? "circle.pause_removed" : "member.away_removed",
      entityType: period.userId === null ? "circle" : "user",
      entityId: period.userId ?? ctx.circle.id,
      payload: { awayPeriodId: id, startsOn: calendarDay(period.startsOn), endsOn: calendarDay(period.endsOn) },
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
  });
}
