import { fetchRange, monthWeeks, step, weekOf } from "./days";

describe("calendar days", () => {
  it("takes the week holding a day from the locale's first day", () => {
    // Wednesday 9 December 2026.
    expect(weekOf("2026-12-09", 1)[0]).toBe("2026-12-07");
    expect(weekOf("2026-12-09", 7)[0]).toBe("2026-12-06");
    expect(weekOf("2026-12-09", 6)).toEqual([
      "2026-12-05",
      "2026-12-06",
      "2026-12-07",
      "2026-12-08",
      "2026-12-09",
      "2026-12-10",
      "2026-12-11",
    ]);
    expect(weekOf("2026-12-06", 7)[0]).toBe("2026-12-06");
  });

  it("covers a month with whole weeks", () => {
    const weeks = monthWeeks("2026-02-15", 1);
    expect(weeks[0]![0]).toBe("2026-01-26");
    expect(weeks.at(-1)!.at(-1)).toBe("2026-03-01");
    // February 2026 starts on a Sunday: a Sunday-first month is exactly four weeks.
    expect(monthWeeks("2026-02-15", 7)).toHaveLength(4);
  });

  it("asks for enough days around the view for any first day, within the server's cap", () => {
    expect(fetchRange("week", "2026-12-09")).toEqual({ from: "2026-12-03", to: "2026-12-15" });
    expect(fetchRange("month", "2026-01-31")).toEqual({ from: "2025-12-26", to: "2026-02-06" });
  });

  it("steps a week or a month", () => {
    expect(step("week", "2026-12-30", 1)).toBe("2027-01-06");
    expect(step("month", "2026-01-31", 1)).toBe("2026-02-01");
    expect(step("month", "2026-01-15", -1)).toBe("2025-12-01");
  });
});
