import type { AssignmentStrategy } from "@chorus/shared";
import { nextAssignee, type Rotation } from "./rotation";

const ALEX = 11;
const BEA = 22;
const CAL = 33;
const family = [ALEX, BEA, CAL];

/** Replays `rounds` completions, each by whoever is assigned, and returns the assignees in turn. */
function simulate(strategy: AssignmentStrategy, rounds: number, overrides: Partial<Rotation> = {}): (number | null)[] {
  const completions = new Map<number, number>(overrides.completions ?? []);
  let current: number | null = overrides.current === undefined ? ALEX : overrides.current;
  const turns: (number | null)[] = [current];
  for (let round = 0; round < rounds; round += 1) {
    if (current !== null) completions.set(current, (completions.get(current) ?? 0) + 1);
    current = nextAssignee({ strategy, assignees: family, current, completions, random: overrides.random ?? Math.random });
    turns.push(current);
  }
  return turns;
}

/** A repeatable sequence of "random" numbers. */
function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length]!;
}

describe("nextAssignee", () => {
  const base = { assignees: family, completions: new Map<number, number>(), random: () => 0 };
  it("passes over assignees away at the next occurrence (decision 0034)", () => {
    const away = new Set([BEA]);
    expect(nextAssignee({ ...base, strategy: "round_robin", current: ALEX, away })).toBe(CAL);
    expect(nextAssignee({ ...base, strategy: "round_robin", current: CAL, away: new Set([ALEX, BEA]) })).toBe(CAL);
    expect(nextAssignee({ ...base, strategy: "least_completed", current: ALEX, away: new Set([ALEX]) })).toBe(BEA);
    expect(nextAssignee({ ...base, strategy: "random", current: ALEX, away: new Set([ALEX]) })).toBe(BEA);
    expect(nextAssignee({ ...base, strategy: "keep", current: BEA, away })).toBe(BEA);
  });

  it("rotates as usual when everyone is away", () => {
    expect(nextAssignee({ ...base, strategy: "round_robin", current: ALEX, away: new Set(family) })).toBe(BEA);
  });

  it("round_robin walks the positions in order and wraps", () => {
    expect(simulate("round_robin", 5)).toEqual([ALEX, BEA, CAL, ALEX, BEA, CAL]);
  });

  it("round_robin restarts at the first position when the current assignee left the list", () => {
    expect(nextAssignee({ strategy: "round_robin", assignees: family, current: 99, completions: new Map(), random: Math.random })).toBe(
      ALEX,
    );
    expect(nextAssignee({ strategy: "round_robin", assignees: family, current: null, completions: new Map(), random: Math.random })).toBe(
      ALEX,
    );
  });

  it("least_completed evens out the counts, ties going to the earlier position", () => {
    const turns = simulate("least_completed", 6, { completions: new Map([[ALEX, 2]]), current: BEA });
    // Bea does one (1), Cal has 0 → Cal; then Bea 1 vs Cal 1 → Bea (earlier); …
    expect(turns).toEqual([BEA, CAL, BEA, CAL, ALEX, BEA, CAL]);
  });

  it("least_completed counts only this chore's completions passed in", () => {
    const completions = new Map([
      [ALEX, 5],
      [BEA, 5],
      [CAL, 4],
    ]);
    expect(nextAssignee({ strategy: "least_completed", assignees: family, current: ALEX, completions, random: Math.random })).toBe(CAL);
  });

  it("random picks uniformly by the injected source", () => {
    const turns = simulate("random", 4, { random: sequence(0, 0.34, 0.67, 0.999) });
    expect(turns).toEqual([ALEX, ALEX, BEA, CAL, CAL]);
  });

  it("random reaches every assignee over many draws", () => {
    let seed = 7;
    const lcg = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const counts = new Map<number | null, number>();
    for (const turn of simulate("random", 300, { random: lcg })) counts.set(turn, (counts.get(turn) ?? 0) + 1);
    for (const userId of family) expect(counts.get(userId)).toBeGreaterThan(60);
  });

  it("keep stays with the current assignee, or the first one if they left", () => {
    expect(simulate("keep", 3, { current: BEA })).toEqual([BEA, BEA, BEA, BEA]);
    expect(nextAssignee({ strategy: "keep", assignees: family, current: 99, completions: new Map(), random: Math.random })).toBe(ALEX);
  });

  it.each<AssignmentStrategy>(["round_robin", "least_completed", "random", "keep"])(
    "%s gives nobody when there are no assignees",
    (strategy) => {
      expect(nextAssignee({ strategy, assignees: [], current: ALEX, completions: new Map(), random: Math.random })).toBeNull();
    },
  );
});
