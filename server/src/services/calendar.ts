/**
 * The calendar view (docs/decisions/0036-calendar-view.md): a range of days in the circle's
 * zone. Ahead, each chore's occurrences projected from its schedule (the feed's projection);
 * behind, its history's done, skipped and missed rows, placed at the occurrence they are about.
 * At most four statements whatever the range: members, chores, away periods, history.
 */
import { weekStartOf, type CalendarMember } from "@chorus/shared";
import { DateTime } from "luxon";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import type { CalendarEntry, CalendarPerson, CalendarRows } from "../domain";
import { notFound } from "../errors";
import { calendarPolicy } from "../policies/calendar";
import { Prisma } from "../generated/prisma/client";
import { awayAt } from "./away";
import { listChores, visibleSql } from "./chores/crud";
import { projectOccurrences, staysWithAssignee } from "./chores/projection";

/** A daily chore has one occurrence a day; the range is at most MAX_CALENDAR_DAYS long. */
const MAX_PER_CHORE = 100;

interface HistoryEntryRow {
  choreId: number;
  choreName: string;
  action: "completed" | "skipped" | "missed";
  dueDate: Date | null;
  createdAt: Date;
  performedAsId: number;
  memberName: string;
  updatedById: number;
  doneByName: string;
}

const STATE_OF_ACTION = { completed: "done", skipped: "skipped", missed: "missed" } as const;

export async function circleCalendar(
  db: Database,
  ctx: CircleContext,
  query: { from: string; to: string; member?: CalendarMember | undefined },
  now = new Date(),
): Promise<CalendarRows> {
  const memberId = calendarPolicy.member(ctx, query.member ?? "me");
  const zone = ctx.circle.timezone;
  const start = DateTime.fromISO(query.from, { zone }).startOf("day").toJSDate();
  const end = DateTime.fromISO(query.to, { zone }).plus({ days: 1 }).startOf("day").toJSDate();
  // Only a range reaching past now has anything ahead.
  const ahead = end > now;

  const [members, chores, awayPeriods, history] = await Promise.all([
    db.prisma.$queryRaw<CalendarPerson[]>`
      SELECT m."userId", u."displayName" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."circleId" = ${ctx.circle.id} AND m."status" = 'active'`,
    // A member's shared chores are theirs ahead even once their part of today's is done: all the
    // chores they may see, narrowed below.
    ahead ? listChores(db, ctx, {}) : [],
    // The away days and pauses that overlap what is ahead in the range.
    ahead
      ? db.prisma.awayPeriod.findMany({
          where: { circleId: ctx.circle.id, endsAt: { gt: now > start ? now : start }, startsAt: { lt: end } },
          select: { userId: true, startsAt: true, endsAt: true },
        })
      : [],
    db.prisma.$queryRaw<HistoryEntryRow[]>`
      SELECT h."choreId", ch."name" AS "choreName", h."action", h."dueDate", h."createdAt",
        h."performedAsId", pa."displayName" AS "memberName", h."updatedById", ub."displayName" AS "doneByName"
      FROM "ChoreHistory" h
        JOIN "Chore" ch ON ch."circleId" = h."circleId" AND ch."id" = h."choreId"
        JOIN "User" pa ON pa."id" = h."performedAsId"
        JOIN "User" ub ON ub."id" = h."updatedById"
      WHERE h."circleId" = ${ctx.circle.id} AND h."action" IN ('completed', 'skipped', 'missed')
        AND ((h."dueDate" >= ${start} AND h."dueDate" < ${end})
          OR (h."dueDate" IS NULL AND h."createdAt" >= ${start} AND h."createdAt" < ${end}))
        AND ${visibleSql(ctx)}
        ${memberId === null ? Prisma.empty : Prisma.sql`AND h."performedAsId" = ${memberId}`}`,
  ]);
  const people = new Map(members.map((person) => [person.userId, person]));
  if (memberId !== null && !people.has(memberId)) throw notFound("Member");

  const entries: CalendarEntry[] = history.map((row) => ({
    choreId: row.choreId,
    choreName: row.choreName,
    at: row.dueDate ?? row.createdAt,
    state: STATE_OF_ACTION[row.action],
    member: { userId: row.performedAsId, displayName: row.memberName },
    rotates: false,
    shared: null,
    away: false,
    doneBy: row.action === "missed" ? null : { userId: row.updatedById, displayName: row.doneByName },
    doneAt: row.action === "missed" ? null : row.createdAt,
  }));
  // An open occurrence the scheduler already recorded missed shows once, as missed; a shared
  // chore's is open until every part is resolved, so only the member's own row hides it.
  const recorded = new Set(history.map((row) => `${row.choreId}@${row.dueDate?.getTime()}`));
  const recordedFor = new Set(history.map((row) => `${row.choreId}@${row.dueDate?.getTime()}@${row.performedAsId}`));
  const member = memberId === null ? null : (people.get(memberId) ?? null);

  for (const chore of chores) {
    const shared = chore.assignmentMode === "rotation" ? null : chore.assignmentMode;
    const assignee = chore.assignedToId === null ? null : (people.get(chore.assignedToId) ?? null);
    if (memberId !== null && (shared ? !chore.assignees.some(({ userId }) => userId === memberId) : chore.assignedToId !== memberId))
      continue;
    // Every occurrence of a shared chore is each assignee's (or the pool's); a rotating chore's later ones may not be the member's.
    const stays = staysWithAssignee(chore);
    const max = memberId === null || stays ? MAX_PER_CHORE : 1;
    projectOccurrences(chore, zone, { now, until: end, max }).forEach((at, index) => {
      if (at < start) return;
      if (
        shared
          ? memberId !== null && recordedFor.has(`${chore.id}@${at.getTime()}@${memberId}`)
          : recorded.has(`${chore.id}@${at.getTime()}`)
      )
        return;
      // Claimed by someone else, today's occurrence of an anyone chore is theirs, not the member's.
      if (shared && index === 0 && assignee !== null && memberId !== null && assignee.userId !== memberId) return;
      const whose = shared ? (index === 0 && assignee ? assignee : member) : index === 0 || stays ? assignee : null;
      entries.push({
        choreId: chore.id,
        choreName: chore.name,
        at,
        state: at < now ? "overdue" : "upcoming",
        member: whose,
        rotates: !shared && whose === null && assignee !== null,
        shared,
        away: awayAt(awayPeriods, whose?.userId ?? null, at),
        doneBy: null,
        doneAt: null,
      });
    });
  }
  entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.choreId - b.choreId);

  return {
    from: query.from,
    to: query.to,
    timezone: zone,
    locale: ctx.circle.locale,
    weekStart: weekStartOf(ctx.circle.locale),
    member: memberId ?? "everyone",
    entries,
  };
}
