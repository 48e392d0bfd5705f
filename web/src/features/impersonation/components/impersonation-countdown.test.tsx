import { describeTimeLeft } from "./impersonation-countdown";

describe("describeTimeLeft", () => {
  it.each([
    [60 * 60_000, "60 min left"],
    [59 * 60_000 + 1, "60 min left"],
    [61_000, "2 min left"],
    [60_000, "1 min left"],
    [59_001, "60 s left"],
    [1, "1 s left"],
    [0, "time is up"],
    [-5000, "time is up"],
  ])("%i ms → %s", (ms, text) => {
    expect(describeTimeLeft(ms)).toBe(text);
  });
});
