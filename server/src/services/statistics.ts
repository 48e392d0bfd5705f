/**
 * The circle's statistics (docs/decisions/0029-statistics.md): per member and week,
 * completions on time or late, skips and missed occurrences (chore history, decision 0031), net points from chores (the
 * points ledger), and the most completed chores. Four grouped statements, whatever the
 * range. Only chores the reader may see count (chorePolicy.canSee, in SQL), so a private
 * chore shows in nobody else's numbers, names or totals.
 */
import { DEFAULT_STATISTICS_WEEKS, weekStartOf } from "@chorus/shared";
import { DateTime } from "luxon";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import type { StatisticsHistoryRow, StatisticsRows } from "../domain";
import { notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";

const TOP_CHORES = 5;

/**
 * The weeks' first instants, oldest first: midnight in the circle's zone on the first day of
 * the week its locale keeps (Sunday in the US, Monday in most of Europe), as the calendar
 * does; luxon, as the schedules use, so the database's own time zone rules never come into it.
 */
function weekStartsOf(timezone: string, locale: string, weeks: number, now: Date): DateTime[] {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf("day");
  const firstDay = weekStartOf(locale);
  const oldest = today.minus({ days: (today.weekday - firstDay + 7) % 7, weeks: weeks - 1 });
  return Array.from({ length: weeks }, (_, index) => oldest.plus({ weeks: index }));
}

export async function circleStatistics(
  db: Database,
  ctx: CircleContext,
  query: { weeks?: number | undefined; memberId?: number | undefined },
  now = new Date(),
): Promise<StatisticsRows> {
  const starts = weekStartsOf(ctx.circle.timezone, ctx.circle.locale, query.weeks ?? DEFAULT_STATISTICS_WEEKS, now);
  const from = starts[0]!.toJSDate();
  // `width_bucket` gives the 1-based week of a time: the last start not after it.
  const thresholds = Prisma.sql`ARRAY[${Prisma.join(starts.map((start) => Prisma.sql`${start.toJSDate()}::timestamp(3)`))}]`;
  const reader = ctx.subject.id;
  const visible = Prisma.sql`
    SELECT c."id", c."name" FROM "Chore" c
    WHERE c."circleId" = ${ctx.circle.id} AND (NOT c."isPrivate" OR c."createdById" = ${reader}
      OR EXISTS (SELECT 1 FROM "ChoreAssignee" a WHERE a."choreId" = c."id" AND a."userId" = ${reader}))`;
  const ofMember = (column: Prisma.Sql) => (query.memberId === undefined ? Prisma.empty : Prisma.sql`AND ${column} = ${query.memberId}`);

  const [members, history, points, topChores] = await Promise.all([
    db.prisma.$queryRaw<{ userId: number; displayName: string }[]>`
      SELECT m."userId", u."displayName" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."circleId" = ${ctx.circle.id} AND m."status" = 'active' ${ofMember(Prisma.sql`m."userId"`)}
      ORDER BY u."displayName", m."userId"`,
    db.prisma.$queryRaw<StatisticsHistoryRow[]>`
      WITH visible AS (${visible})
      SELECT h."performedAsId" AS "userId", width_bucket(h."createdAt", ${thresholds}) AS "week",
        (COUNT(*) FILTER (WHERE h."action" = 'completed'))::int AS "completed",
        (COUNT(*) FILTER (WHERE h."action" = 'completed' AND h."createdAt" > h."dueDate"))::int AS "late",
        (COUNT(*) FILTER (WHERE h."action" = 'skipped'))::int AS "skipped",
        (COUNT(*) FILTER (WHERE h."action" = 'missed'))::int AS "missed"
      FROM "ChoreHistory" h JOIN visible v ON v."id" = h."choreId"
      WHERE h."circleId" = ${ctx.circle.id} AND h."createdAt" >= ${from}::timestamp(3) AND h."action" IN ('completed', 'skipped', 'missed')
        ${ofMember(Prisma.sql`h."performedAsId"`)}
      GROUP BY 1, 2`,
    // A completion's points count in the week it was done (a back-dated one's too); an
    // undone one's earned and undone rows have no history row left and cancel out.
    db.prisma.$queryRaw<{ userId: number; week: number; points: number }[]>`
      WITH visible AS (${visible})
      SELECT p."userId", width_bucket(COALESCE(h."createdAt", p."createdAt"), ${thresholds}) AS "week", SUM(p."amount")::int AS "points"
      FROM "PointsEntry" p JOIN visible v ON v."id" = p."choreId" LEFT JOIN "ChoreHistory" h ON h."id" = p."historyId"
      WHERE p."circleId" = ${ctx.circle.id} AND p."createdAt" >= ${from}::timestamp(3)
        AND COALESCE(h."createdAt", p."createdAt") >= ${from}::timestamp(3) ${ofMember(Prisma.sql`p."userId"`)}
      GROUP BY 1, 2`,
    db.prisma.$queryRaw<{ choreId: number; name: string; completions: number }[]>`
      WITH visible AS (${visible})
      SELECT v."id" AS "choreId", v."name", COUNT(*)::int AS "completions"
      FROM "ChoreHistory" h JOIN visible v ON v."id" = h."choreId"
      WHERE h."circleId" = ${ctx.circle.id} AND h."createdAt" >= ${from}::timestamp(3) AND h."action" = 'completed'
        ${ofMember(Prisma.sql`h."performedAsId"`)}
      GROUP BY v."id", v."name"
      ORDER BY "completions" DESC, v."name", v."id"
      LIMIT ${TOP_CHORES}`,
  ]);
  if (query.memberId !== undefined && members.length === 0) throw notFound("Member");

  return {
    timezone: ctx.circle.timezone,
    weekStarts: starts.map((start) => start.toISODate()!),
    from,
    to: now,
    members,
    history,
    points,
    topChores,
  };
}
