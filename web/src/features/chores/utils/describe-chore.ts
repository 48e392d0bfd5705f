import type { AssignmentMode, AssignmentStrategy, ChorePenalty, Frequency, HistoryAction, ScheduleMode } from "@chorus/shared";

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export const PRIORITY_LABELS = ["None", "Low", "Medium", "High", "Urgent"] as const;

export const STRATEGY_LABELS: Record<AssignmentStrategy, string> = {
  round_robin: "Take turns",
  least_completed: "Whoever has done it least",
  random: "Random",
  keep: "Keep the same person",
};

/** Each mode with a short explanation, read next to its radio button and on the chore page (decision 0035). */
export const ASSIGNMENT_MODE_LABELS: Record<AssignmentMode, string> = {
  rotation: "Take turns: one assignee at a time, passed on after each completion",
  everyone: "Everyone: each assignee does their own part; done when all have",
  anyone: "Anyone: open to all assignees; the first to claim or do it has it",
};

export const SCHEDULE_MODE_LABELS: Record<ScheduleMode, string> = {
  fixed: "Fixed schedule",
  rolling: "Counted from completion",
};

export const HISTORY_ACTION_LABELS: Record<HistoryAction, string> = {
  completed: "Done",
  skipped: "Skipped",
  started: "Started",
  paused: "Paused",
  missed: "Missed",
};

export function describeFrequency(frequency: Frequency): string {
  switch (frequency.type) {
    case "once":
      return "Once";
    case "daily":
      return "Every day";
    case "weekly":
      return `Every week on ${[...frequency.weekdays]
        .sort((a, b) => a - b)
        .map((day) => WEEKDAY_NAMES[day - 1]?.slice(0, 3))
        .join(", ")}`;
    case "monthly":
      return `Every month on day ${frequency.dayOfMonth}`;
    case "yearly":
      return "Every year";
    case "interval":
      return frequency.every === 1 ? `Every ${frequency.unit.slice(0, -1)}` : `Every ${frequency.every} ${frequency.unit}`;
  }
}

function describeGrace(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} ${minutes === 60 ? "hour" : "hours"}`;
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** "−5 points if not done or skipped within 2 hours of its due time" (decision 0028). */
export function describePenalty(penalty: ChorePenalty): string {
  const points = `−${penalty.points} ${penalty.points === 1 ? "point" : "points"}`;
  return penalty.graceMinutes === 0
    ? `${points} if not done or skipped by its due time`
    : `${points} if not done or skipped within ${describeGrace(penalty.graceMinutes)} of its due time`;
}

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

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
      return end === start ? MONTH_NAMES[start - 1] : `${MONTH_NAMES[start - 1]}–${MONTH_NAMES[end - 1]}`;
    })
    .join(", ");
}

/** "within 2 days of its due time" (decision 0031); null: until the next occurrence is due. */
export function describeCompletionWindow(minutes: number | null): string {
  if (minutes === null) return "Until the next one is due, then it counts as missed";
  const days = minutes / (24 * 60);
  const span = Number.isInteger(days) ? `${days} ${days === 1 ? "day" : "days"}` : describeGrace(minutes);
  return `Within ${span} of its due time, then it counts as missed`;
}
