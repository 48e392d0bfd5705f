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
  /** Assignees away at the next occurrence, passed over unless all are (decision 0034). */
  away?: ReadonlySet<number>;
}

export function nextAssignee({ strategy, assignees, current, completions, random, away }: Rotation): number | null {
  if (assignees.length === 0) return null;
  const currentIndex = current === null ? -1 : assignees.indexOf(current);
  // "keep" keeps its one person even while away: the chore waits for them, due for no one.
  const present = strategy === "keep" ? [] : assignees.filter((userId) => !away?.has(userId));
  const pool = present.length > 0 ? present : assignees;
  switch (strategy) {
    case "keep":
      return currentIndex >= 0 ? current : assignees[0]!;
    case "round_robin": {
      // An unknown current assignee (-1) starts the rotation from the first position; those away are stepped over.
      const order = assignees.map((_, step) => assignees[(currentIndex + 1 + step) % assignees.length]!);
      return order.find((userId) => pool.includes(userId)) ?? order[0]!;
    }
    case "least_completed":
      // Strictly fewer wins, so ties go to the earlier position.
      return pool.reduce((best, userId) => ((completions.get(userId) ?? 0) < (completions.get(best) ?? 0) ? userId : best));
    case "random":
      return pool[Math.min(Math.floor(random() * pool.length), pool.length - 1)]!;
  }
}
