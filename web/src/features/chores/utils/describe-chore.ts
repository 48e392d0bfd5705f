import type { AssignmentMode, AssignmentStrategy, ChorePenalty, Frequency, HistoryAction, ScheduleMode } from "@chorus/shared";
import { i18next, locale } from "../../../lib/i18n";

/**
 * Labels looked up when read, so they follow the language on screen (decision 0046): a plain
 * record filled at import would keep the language the app started in.
 */
function translated<K extends string | number, T extends object = Record<K, string>>(
  keys: readonly K[],
  label: (key: K) => string,
  target = {} as T,
): T {
  for (const key of keys) Object.defineProperty(target, key, { get: () => label(key), enumerable: true });
  return target;
}

/** Day 1 (Monday) … 7 (Sunday) as the language names it: 2024-01-01 was a Monday. */
export function weekdayName(day: number, width: "long" | "short"): string {
  return new Intl.DateTimeFormat(locale(), { weekday: width, timeZone: "UTC" }).format(Date.UTC(2024, 0, day));
}

/** Month 1 … 12 as the language names it. */
export function monthName(month: number): string {
  return new Intl.DateTimeFormat(locale(), { month: "long", timeZone: "UTC" }).format(Date.UTC(2024, month - 1, 1));
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

export const PRIORITIES = [0, 1, 2, 3, 4] as const;
/** Indexed by priority (0 none … 4 urgent), an array so that the chore page can read any number. */
export const PRIORITY_LABELS: readonly string[] = translated(PRIORITIES, (priority) => i18next.t(`chores:priorities.${priority}`), []);

export const STRATEGY_LABELS: Record<AssignmentStrategy, string> = translated(
  ["round_robin", "least_completed", "random", "keep"] as const,
  (strategy) => i18next.t(`chores:strategies.${strategy}`),
);

/** Each mode with a short explanation, read next to its radio button and on the chore page (decision 0035). */
export const ASSIGNMENT_MODE_LABELS: Record<AssignmentMode, string> = translated(["rotation", "everyone", "anyone"] as const, (mode) =>
  i18next.t(`chores:assignmentModes.${mode}`),
);

export const SCHEDULE_MODE_LABELS: Record<ScheduleMode, string> = translated(["fixed", "rolling"] as const, (mode) =>
  i18next.t(`chores:scheduleModes.${mode}`),
);

export const HISTORY_ACTION_LABELS: Record<HistoryAction, string> = translated(
  ["completed", "skipped", "started", "paused", "missed"] as const,
  (action) => i18next.t(`chores:historyActions.${action}`),
);

export function describeFrequency(frequency: Frequency): string {
  switch (frequency.type) {
    case "once":
      return i18next.t("chores:frequency.once");
    case "daily":
      return i18next.t("chores:frequency.daily");
    case "weekly": {
      const days = [...frequency.weekdays].sort((a, b) => a - b).map((day) => weekdayName(day, "short"));
      return i18next.t("chores:frequency.weekly", { days: new Intl.ListFormat(locale(), { type: "unit", style: "short" }).format(days) });
    }
    case "monthly":
      return i18next.t("chores:frequency.monthly", { day: frequency.dayOfMonth });
    case "yearly":
      return i18next.t("chores:frequency.yearly");
    case "interval":
      return i18next.t(`chores:frequency.${frequency.unit}`, { count: frequency.every });
  }
}

function describeGrace(minutes: number): string {
  return minutes % 60 === 0
    ? i18next.t("chores:span.hours", { count: minutes / 60 })
    : i18next.t("chores:span.minutes", { count: minutes });
}

/** "−5 points if not done or skipped within 2 hours of its due time" (decision 0028). */
export function describePenalty(penalty: ChorePenalty): string {
  return penalty.graceMinutes === 0
    ? i18next.t("chores:penalty.byDue", { count: penalty.points })
    : i18next.t("chores:penalty.within", { count: penalty.points, grace: describeGrace(penalty.graceMinutes) });
}

/**
 * A season as runs of months (decision 0033): "April–October", "November–February" across the
 * year's end, "June, August" with gaps; runs in calendar order of their first month.
 */
export function describeSeason(activeMonths: readonly number[]): string {
  const active = new Set(activeMonths);
  const previous = (month: number) => (month === 1 ? 12 : month - 1);
  const following = (month: number) => (month === 12 ? 1 : month + 1);
  const starts = [...active].filter((month) => !active.has(previous(month))).sort((a, b) => a - b);
  return starts
    .map((start) => {
      let end = start;
      while (active.has(following(end))) end = following(end);
      return end === start ? monthName(start) : `${monthName(start)}–${monthName(end)}`;
    })
    .join(", ");
}

/** "within 2 days of its due time" (decision 0031); null: until the next occurrence is due. */
export function describeCompletionWindow(minutes: number | null): string {
  if (minutes === null) return i18next.t("chores:completionWindow.untilNext");
  const days = minutes / (24 * 60);
  const span = Number.isInteger(days) ? i18next.t("chores:span.days", { count: days }) : describeGrace(minutes);
  return i18next.t("chores:completionWindow.within", { span });
}
