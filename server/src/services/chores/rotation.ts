/**
 * Who a chore passes to after it is done. Pure: the caller supplies the assignees in
 * rotation order, completion counts and the random source, so tests are deterministic.
 */
import type { AssignmentStrategy } from "@chorus/shared";

export interface Rotation {
  strategy: AssignmentStrategy;
  /** User ids in position order (the rotation order). */
  assignees: readonly number[];
  current: number | null;
  /** Completed history rows of this chore per user, including the one just written. */
  completions: ReadonlyMap<number, number>;
  /** Uniform in [0, 1), like Math.random. */
  random: () => number;
}

export function nextAssignee({ strategy, assignees, current, completions, random }: Rotation): number | null {
  if (assignees.length === 0) return null;
  const currentIndex = current === null ? -1 : assignees.indexOf(current);
  switch (strategy) {
    case "keep":
      return currentIndex >= 0 ? current : assignees[0]!;
    case "round_robin":
      // An unknown current assignee (-1) starts the rotation from the first position.
      return assignees[(currentIndex + 1) % assignees.length]!;
    case "least_completed":
      // Strictly fewer wins, so ties go to the earlier position.
      return assignees.reduce((best, userId) => ((completions.get(userId) ?? 0) < (completions.get(best) ?? 0) ? userId : best));
    case "random":
      return assignees[Math.min(Math.floor(random() * assignees.length), assignees.length - 1)]!;
  }
}
