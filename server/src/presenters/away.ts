import type { AwayPeriod } from "@chorus/shared";
import { calendarDay, type AwayPeriodRow } from "../domain";

export function presentAwayPeriod(row: AwayPeriodRow): AwayPeriod {
  return {
    id: row.id,
    member: row.user ? { id: row.user.id, displayName: row.user.displayName } : null,
    startsOn: calendarDay(row.startsOn),
    endsOn: calendarDay(row.endsOn),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  };
}
