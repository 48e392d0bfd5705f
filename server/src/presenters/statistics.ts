import type { Statistics } from "@chorus/shared";
import type { StatisticsRows } from "../domain";

/** Every member gets every week, zeros included, so clients chart the answer as it is. */
export function presentStatistics(rows: StatisticsRows): Statistics {
  const key = (userId: number, week: number) => `${userId}:${week}`;
  const history = new Map(rows.history.map((row) => [key(row.userId, row.week), row]));
  const points = new Map(rows.points.map((row) => [key(row.userId, row.week), row.points]));
  return {
    timezone: rows.timezone,
    weekStarts: rows.weekStarts,
    from: rows.from.toISOString(),
    to: rows.to.toISOString(),
    members: rows.members.map((member) => ({
      userId: member.userId,
      displayName: member.displayName,
      weeks: rows.weekStarts.map((weekStart, index) => {
        const row = history.get(key(member.userId, index + 1));
        const completed = row?.completed ?? 0;
        const late = row?.late ?? 0;
        return {
          weekStart,
          completed,
          onTime: completed - late,
          late,
          skipped: row?.skipped ?? 0,
          missed: row?.missed ?? 0,
          points: points.get(key(member.userId, index + 1)) ?? 0,
        };
      }),
    })),
    topChores: rows.topChores,
  };
}
