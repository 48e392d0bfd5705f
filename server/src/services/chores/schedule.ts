/**
 * When a chore is due next (docs/decisions/0002-chore-schedules.md). Pure: no database
 * and no clock — callers pass the circle's IANA time zone and the moment of the action.
 * All calendar arithmetic happens in local time with luxon, so a 09:00 chore stays at
 * 09:00 across DST changes and month ends clamp (31 → 28/29 Feb) without drifting.
 */
import type { Frequency, ScheduleMode } from "@chorus/shared";
import { DateTime } from "luxon";

export interface Schedule {
  frequency: Frequency;
  mode: ScheduleMode;
  /** The occurrence being done or skipped; null when the chore has no due date. */
  dueDate: Date | null;
  /** Where a fixed series is counted from (its first due date). */
  anchor: Date | null;
  /** The months (1-12) the chore is scheduled in; empty: all year (decision 0033). */
  activeMonths: readonly number[];
}

export interface NextOccurrence {
  /** Null once a one-off chore is done. */
  nextDueDate: Date | null;
  anchor: Date | null;
}

type Recurring = Exclude<Frequency, { type: "once" }>;
type Pinned = Extract<Frequency, { type: "weekly" | "monthly" }>;
type Counted = Exclude<Recurring, Pinned>;

/**
 * The next due date after the occurrence `schedule.dueDate` was done or skipped at `doneAt`.
 * - fixed: the first occurrence of the anchor's series strictly after both the due date
 *   and `doneAt` (a completion weeks late jumps to the first occurrence still ahead);
 * - rolling: one period counted from the local day of `doneAt`, at the due date's time of
 *   day — but never on or before the occurrence just done (then one period after it).
 * A recurring chore with no due date yet is scheduled as rolling from `doneAt`.
 */
export function advanceSchedule(schedule: Schedule, timezone: string, doneAt: Date): NextOccurrence {
  const { frequency } = schedule;
  if (frequency.type === "once") return { nextDueDate: null, anchor: schedule.anchor };

  const done = DateTime.fromJSDate(doneAt, { zone: timezone });
  const due = schedule.dueDate ? DateTime.fromJSDate(schedule.dueDate, { zone: timezone }) : null;
  const anchorDate = schedule.anchor ?? schedule.dueDate;
  const anchor = anchorDate ? DateTime.fromJSDate(anchorDate, { zone: timezone }) : null;

  if (schedule.mode === "fixed" && anchor) {
    const after = due && due > done ? due : done;
    const next = isPinned(frequency) ? firstPinnedAfter(frequency, anchor, after) : firstInSeriesAfter(frequency, anchor, after);
    return seasonal(frequency, schedule, next, anchor);
  }

  const timeOfDay = due ?? done;
  let next = rollFrom(frequency, done, timeOfDay);
  if (due && next <= due) next = rollFrom(frequency, due, timeOfDay);
  return seasonal(frequency, schedule, next, next);
}

/**
 * A due date set or derived when a chore is created or edited, moved into its active months
 * (decision 0033): unchanged inside them; outside, the rule's first date in season, counted
 * from `anchor` on a fixed schedule. A one-off chore keeps its date.
 */
export function dueInSeason(
  schedule: Pick<Schedule, "frequency" | "mode" | "activeMonths">,
  timezone: string,
  due: Date,
  anchor: Date,
): NextOccurrence {
  if (schedule.frequency.type === "once") return { nextDueDate: due, anchor };
  const zoned = (date: Date) => DateTime.fromJSDate(date, { zone: timezone });
  return seasonal(schedule.frequency, schedule, zoned(due), zoned(anchor));
}

/** How many season starts a fixed series is tried at before it restarts at one (it may never land in season). */
const SEASON_TRIES = 24;

/**
 * `next` inside the active months. Outside them: on a fixed schedule the first date of the
 * anchor's own series from the next season's start, so it keeps its rhythm; on a rolling one,
 * or for a fixed series that never lands in season (yearly on 15 March, season April–October),
 * the rule's first date from the next season's first day, which starts the series anew.
 */
function seasonal(
  frequency: Recurring,
  schedule: Pick<Schedule, "mode" | "activeMonths">,
  next: DateTime,
  anchor: DateTime,
): NextOccurrence {
  const months = schedule.activeMonths;
  const inSeason = (date: DateTime) => months.length === 0 || months.includes(date.month);
  if (inSeason(next)) return { nextDueDate: next.toJSDate(), anchor: anchor.toJSDate() };
  const seasonStart = (date: DateTime) => {
    let month = date.startOf("month").plus({ months: 1 });
    while (!inSeason(month)) month = month.plus({ months: 1 });
    return month;
  };
  const firstStart = seasonStart(next);
  if (schedule.mode === "fixed") {
    let start = firstStart;
    for (let tries = 0; tries < SEASON_TRIES; tries++) {
      const before = start.minus({ milliseconds: 1 });
      const candidate = isPinned(frequency) ? firstPinnedAfter(frequency, anchor, before) : firstInSeriesAfter(frequency, anchor, before);
      if (inSeason(candidate)) return { nextDueDate: candidate.toJSDate(), anchor: anchor.toJSDate() };
      start = seasonStart(candidate);
    }
  }
  const restart = isPinned(frequency)
    ? firstPinnedAfter(frequency, next, firstStart.minus({ milliseconds: 1 }))
    : atTimeOf(firstStart, next);
  return { nextDueDate: restart.toJSDate(), anchor: restart.toJSDate() };
}

/** A chore given a day but no time is due by the end of that day. */
const END_OF_DAY = { hour: 23, minute: 59, second: 0, millisecond: 0 };

/**
 * The first due date of a repeating chore created (or edited) without one: the first day
 * the rule names from today on — today for daily, interval and yearly; the next listed
 * weekday or day of month — at 23:59 in the circle's zone, so it is due by the end of
 * that day. Null for a one-off chore, which may stay undated.
 */
export function firstDueDate(frequency: Frequency, timezone: string, now: Date): Date | null {
  if (frequency.type === "once") return null;
  const current = DateTime.fromJSDate(now, { zone: timezone });
  const endOfToday = current.set(END_OF_DAY);
  if (isPinned(frequency)) return firstPinnedAfter(frequency, endOfToday, current).toJSDate();
  return (endOfToday > current ? endOfToday : nthOccurrence(frequency, endOfToday, 1)).toJSDate();
}

function isPinned(frequency: Recurring): frequency is Pinned {
  return frequency.type === "weekly" || frequency.type === "monthly";
}

/** `day`'s date at `time`'s local time of day (a time inside a DST gap moves forward). */
function atTimeOf(day: DateTime, time: DateTime): DateTime {
  return day.set({ hour: time.hour, minute: time.minute, second: time.second, millisecond: time.millisecond });
}

/** One period after the local day of `from`, at `timeOfDay`. */
function rollFrom(frequency: Recurring, from: DateTime, timeOfDay: DateTime): DateTime {
  if (isPinned(frequency)) return firstPinnedAfter(frequency, timeOfDay, from.endOf("day"));
  return atTimeOf(nthOccurrence(frequency, from.startOf("day"), 1), timeOfDay);
}

/** The first weekday or day of month named by the frequency strictly after `after`, at `timeOfDay`. */
function firstPinnedAfter(frequency: Pinned, timeOfDay: DateTime, after: DateTime): DateTime {
  const today = after.startOf("day");
  const candidates =
    frequency.type === "weekly"
      ? frequency.weekdays.map((weekday) => today.plus({ days: (weekday - today.weekday + 7) % 7 }))
      : [today.startOf("month"), today.startOf("month").plus({ months: 1 })].map((month) =>
          month.set({ day: Math.min(frequency.dayOfMonth, month.endOf("month").day) }),
        );
  const times = candidates.map((day) => {
    const candidate = atTimeOf(day, timeOfDay);
    if (candidate > after) return candidate;
    return frequency.type === "weekly" ? atTimeOf(day.plus({ weeks: 1 }), timeOfDay) : null;
  });
  return times.filter((time): time is DateTime => time !== null).reduce((earliest, time) => (time < earliest ? time : earliest));
}

/** Occurrence `k` of a series counted from `anchor` (k = 0 is the anchor itself). */
function nthOccurrence(frequency: Counted, anchor: DateTime, k: number): DateTime {
  switch (frequency.type) {
    case "daily":
      return anchor.plus({ days: k });
    case "yearly":
      return anchor.plus({ years: k });
    case "interval":
      return anchor.plus({ [frequency.unit]: k * frequency.every });
  }
}

const seriesUnit = (frequency: Counted) => (frequency.type === "daily" ? "days" : frequency.type === "yearly" ? "years" : frequency.unit);
const seriesStep = (frequency: Counted) => (frequency.type === "interval" ? frequency.every : 1);

/** The first occurrence of the anchor's series strictly after `after`, computed directly (no walking from the anchor). */
function firstInSeriesAfter(frequency: Counted, anchor: DateTime, after: DateTime): DateTime {
  const elapsed = after.diff(anchor, seriesUnit(frequency)).as(seriesUnit(frequency));
  // One below the estimate: calendar units vary in length, so step up to the exact one.
  let k = Math.max(0, Math.floor(elapsed / seriesStep(frequency)) - 1);
  let candidate = nthOccurrence(frequency, anchor, k);
  while (candidate <= after) candidate = nthOccurrence(frequency, anchor, ++k);
  return candidate;
}
