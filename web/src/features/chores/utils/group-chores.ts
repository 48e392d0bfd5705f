import type { Chore } from "@chorus/shared";
import { calendarDay } from "../../../lib/dates";
import { i18next } from "../../../lib/i18n";

export type DueGroupKey = "overdue" | "today" | "upcoming" | "unscheduled" | "finished" | "archived";

export interface DueGroup {
  key: DueGroupKey;
  title: string;
  chores: Chore[];
}

function dueGroupOf(chore: Chore, now: Date, timeZone: string): DueGroupKey {
  // Only the "Archived" view lists these two; the task views leave them out.
  if (chore.archived) return "archived";
  if (chore.finishedAt !== null) return "finished";
  if (chore.nextDueDate === null) return "unscheduled";
  const due = new Date(chore.nextDueDate);
  if (due.getTime() < now.getTime()) return "overdue";
  // "Today" is the circle's calendar day, not the viewer's.
  return calendarDay(due, timeZone) === calendarDay(now, timeZone) ? "today" : "upcoming";
}

/** Non-empty groups in reading order; in each, soonest first, then higher priority, then by name. */
export function groupChoresByDue(chores: readonly Chore[], now: Date, timeZone: string): DueGroup[] {
  const buckets: Record<DueGroupKey, Chore[]> = { overdue: [], today: [], upcoming: [], unscheduled: [], finished: [], archived: [] };
  for (const chore of chores) buckets[dueGroupOf(chore, now, timeZone)].push(chore);
  return (Object.keys(buckets) as DueGroupKey[])
    .filter((key) => buckets[key].length > 0)
    .map((key) => ({ key, title: i18next.t(`chores:groups.${key}`), chores: buckets[key].sort(compareChores) }));
}

function compareChores(a: Chore, b: Chore): number {
  const dueA = a.nextDueDate ? Date.parse(a.nextDueDate) : Infinity;
  const dueB = b.nextDueDate ? Date.parse(b.nextDueDate) : Infinity;
  return (dueA === dueB ? 0 : dueA - dueB) || b.priority - a.priority || a.name.localeCompare(b.name);
}
