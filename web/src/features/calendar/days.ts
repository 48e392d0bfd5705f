/**
 * Calendar days as "YYYY-MM-DD" strings (docs/decisions/0036-calendar-view.md): plain date
 * arithmetic, no zone — the server already placed each occurrence on its day in the circle's
 * zone, and "today" is read in that zone once.
 */
import { MAX_CALENDAR_DAYS } from "@chorus/shared";

export type CalendarViewKind = "week" | "month";

const DAY_MS = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => fromTime(toTime(day) + days * DAY_MS);

/** ISO weekday: 1 Monday … 7 Sunday. */
export const isoWeekday = (day: string) => new Date(toTime(day)).getUTCDay() || 7;

/** The seven days of the week holding `day`, from the locale's first day. */
export function weekOf(day: string, weekStart: number): string[] {
  const first = addDays(day, -((isoWeekday(day) - weekStart + 7) % 7));
  return Array.from({ length: 7 }, (_, index) => addDays(first, index));
}

const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
const lastOfMonth = (day: string) => {
  const date = new Date(toTime(day));
  return fromTime(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
};

/** The weeks a month view shows: from the week of the 1st to the week of the last day. */
export function monthWeeks(day: string, weekStart: number): string[][] {
  const last = lastOfMonth(day);
  const weeks = [weekOf(firstOfMonth(day), weekStart)];
  while (weeks.at(-1)!.at(-1)! < last) weeks.push(weekOf(addDays(weeks.at(-1)!.at(-1)!, 1), weekStart));
  return weeks;
}

/**
 * What to ask the server for before the week start is known: six days either side of the
 * week, or of the month, hold its whole first and last weeks whatever day they start on.
 */
export function fetchRange(view: CalendarViewKind, day: string): { from: string; to: string } {
  const range =
    view === "week"
      ? { from: addDays(day, -6), to: addDays(day, 6) }
      : { from: addDays(firstOfMonth(day), -6), to: addDays(lastOfMonth(day), 6) };
  // A month's padded range is at most 31 + 12 days: within the server's cap.
  if (toTime(range.to) - toTime(range.from) >= MAX_CALENDAR_DAYS * DAY_MS) throw new Error("Calendar range too long");
  return range;
}

/** The day shown after stepping a week or a month back or forward (months land on their 1st). */
export function step(view: CalendarViewKind, day: string, direction: -1 | 1): string {
  if (view === "week") return addDays(day, 7 * direction);
  const date = new Date(toTime(day));
  return fromTime(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + direction, 1));
}
