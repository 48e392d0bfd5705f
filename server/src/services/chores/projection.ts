/**
 * A chore's occurrences ahead, projected from its schedule (decision 0002, seasons 0033): read
 * by the iCal feed (0012) and the calendar view (0036), so both show the same dates.
 */
import type { ChoreWithAssignees } from "../../domain";
import { readFrequency } from "./records";
import { advanceSchedule } from "./schedule";

/**
 * Whether every occurrence is the member's whose the current one is: no rotation moves it on,
 * or it is a shared chore, each occurrence every assignee's part or the pool's (decision 0035).
 */
export const staysWithAssignee = (chore: Pick<ChoreWithAssignees, "assignmentMode" | "assignmentStrategy" | "assignees">) =>
  chore.assignmentMode !== "rotation" || chore.assignmentStrategy === "keep" || chore.assignees.length <= 1;

/**
 * The open occurrence (overdue included: it is still to do) and those after it before `until`,
 * at most `max` in all. The first after an overdue one is what doing it now would give; each
 * later one as if the one before is done on time. None for an archived or finished chore.
 */
export function projectOccurrences(
  chore: ChoreWithAssignees,
  timezone: string,
  { now, until, max }: { now: Date; until: Date; max: number },
): Date[] {
  if (!chore.nextDueDate || chore.finishedAt || chore.archived) return [];
  const occurrences = [chore.nextDueDate];
  const frequency = readFrequency(chore.frequency);
  let due = chore.nextDueDate;
  let anchor = chore.scheduleAnchor;
  while (occurrences.length < max) {
    const schedule = { frequency, mode: chore.scheduleMode, dueDate: due, anchor, activeMonths: chore.activeMonths };
    const next = advanceSchedule(schedule, timezone, due < now ? now : due);
    if (!next.nextDueDate || next.nextDueDate >= until) break;
    occurrences.push(next.nextDueDate);
    due = next.nextDueDate;
    anchor = next.anchor;
  }
  return occurrences;
}
