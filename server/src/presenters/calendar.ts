import type { Calendar } from "@chorus/shared";
import { DateTime } from "luxon";
import type { CalendarRows } from "../domain";

export function presentCalendar(rows: CalendarRows): Calendar {
  return {
    from: rows.from,
    to: rows.to,
    timezone: rows.timezone,
    locale: rows.locale,
    weekStart: rows.weekStart,
    member: rows.member,
    occurrences: rows.entries.map((entry) => ({
      choreId: entry.choreId,
      choreName: entry.choreName,
      at: entry.at.toISOString(),
      day: DateTime.fromJSDate(entry.at, { zone: rows.timezone }).toISODate()!,
      state: entry.state,
      member: entry.member,
      rotates: entry.rotates,
      shared: entry.shared,
      away: entry.away,
      doneBy: entry.doneBy,
      doneAt: entry.doneAt?.toISOString() ?? null,
    })),
  };
}
