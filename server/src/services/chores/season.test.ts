/** Seasonal chores (decision 0033): the schedule skips the months a chore is not active in. */
import type { Frequency, ScheduleMode } from "@chorus/shared";
import { DateTime } from "luxon";
import { advanceSchedule, dueInSeason, firstDueDate } from "./schedule";

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const APRIL_TO_OCTOBER = [4, 5, 6, 7, 8, 9, 10];
const OCTOBER_TO_MARCH = [10, 11, 12, 1, 2, 3];

const local = (zone: string, wallClock: string) => DateTime.fromISO(wallClock, { zone }).toJSDate();
const wallClock = (zone: string, date: Date | null) =>
  date ? DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ZZ") : null;

interface Case {
  name: string;
  zone: string;
  frequency: Frequency;
  mode: ScheduleMode;
  months: number[];
  due: string;
  anchor?: string;
  done: string;
  next: string;
  /** The anchor afterwards, when the series restarts. */
  nextAnchor?: string;
}

const cases: Case[] = [
  {
    name: "daily fixed: the last day of the season moves to the first day of the next",
    zone: BERLIN,
    frequency: { type: "daily" },
    mode: "fixed",
    months: APRIL_TO_OCTOBER,
    due: "2026-10-31T09:00",
    done: "2026-10-31T10:00",
    next: "2027-04-01T09:00 +02:00",
  },
  {
    name: "daily inside the season is unchanged",
    zone: BERLIN,
    frequency: { type: "daily" },
    mode: "fixed",
    months: APRIL_TO_OCTOBER,
    due: "2026-05-31T09:00",
    done: "2026-05-31T10:00",
    next: "2026-06-01T09:00 +02:00",
  },
  {
    name: "weekly fixed keeps its weekday: the first Monday of April, across the DST change",
    zone: BERLIN,
    frequency: { type: "weekly", weekdays: [1] },
    mode: "fixed",
    months: APRIL_TO_OCTOBER,
    due: "2026-10-26T18:00",
    done: "2026-10-26T18:30",
    next: "2027-04-05T18:00 +02:00",
  },
  {
    name: "monthly on the 31st: October's last day, then April's (clamped to the 30th)",
    zone: BERLIN,
    frequency: { type: "monthly", dayOfMonth: 31 },
    mode: "fixed",
    months: APRIL_TO_OCTOBER,
    due: "2026-10-31T09:00",
    done: "2026-10-31T09:00",
    next: "2027-04-30T09:00 +02:00",
  },
  {
    name: "a season that wraps the year: March ends it, October starts it again",
    zone: NEW_YORK,
    frequency: { type: "weekly", weekdays: [6] },
    mode: "fixed",
    months: OCTOBER_TO_MARCH,
    due: "2027-03-27T08:00",
    done: "2027-03-27T08:00",
    next: "2027-10-02T08:00 -04:00",
  },
  {
    name: "a wrapping season runs on over New Year",
    zone: NEW_YORK,
    frequency: { type: "daily" },
    mode: "fixed",
    months: OCTOBER_TO_MARCH,
    due: "2026-12-31T08:00",
    done: "2026-12-31T08:00",
    next: "2027-01-01T08:00 -05:00",
  },
  {
    name: "interval fixed keeps its rhythm: every 2 weeks counted from the anchor",
    zone: BERLIN,
    frequency: { type: "interval", every: 2, unit: "weeks" },
    mode: "fixed",
    months: APRIL_TO_OCTOBER,
    // Thursdays 2026-10-22, then 11-05 … the series' first date in April 2027 is 04-08.
    due: "2026-10-22T09:00",
    done: "2026-10-22T09:00",
    next: "2027-04-08T09:00 +02:00",
  },
  {
    name: "interval rolling restarts on the season's first day",
    zone: BERLIN,
    frequency: { type: "interval", every: 10, unit: "days" },
    mode: "rolling",
    months: APRIL_TO_OCTOBER,
    due: "2026-10-25T09:00",
    done: "2026-10-25T11:00",
    next: "2027-04-01T09:00 +02:00",
    nextAnchor: "2027-04-01T09:00 +02:00",
  },
  {
    name: "a completion late, after the season, goes to next season",
    zone: BERLIN,
    frequency: { type: "daily" },
    mode: "rolling",
    months: APRIL_TO_OCTOBER,
    due: "2026-10-31T09:00",
    done: "2026-11-03T12:00",
    next: "2027-04-01T09:00 +02:00",
  },
  {
    name: "a yearly series that never lands in season restarts at its first day",
    zone: BERLIN,
    frequency: { type: "yearly" },
    mode: "fixed",
    months: APRIL_TO_OCTOBER,
    due: "2026-03-15T09:00",
    done: "2026-03-15T09:00",
    // 15 March 2027 is outside; the series restarts on 1 April 2027.
    next: "2027-04-01T09:00 +02:00",
    nextAnchor: "2027-04-01T09:00 +02:00",
  },
  {
    name: "a season of single months with gaps: June, then August",
    zone: BERLIN,
    frequency: { type: "monthly", dayOfMonth: 1 },
    mode: "fixed",
    months: [6, 8],
    due: "2026-06-01T09:00",
    done: "2026-06-01T09:00",
    next: "2026-08-01T09:00 +02:00",
  },
];

describe("advanceSchedule with active months", () => {
  it.each(cases)("$name", ({ zone, frequency, mode, months, due, anchor, done, next, nextAnchor }) => {
    const schedule = { frequency, mode, dueDate: local(zone, due), anchor: local(zone, anchor ?? due), activeMonths: months };
    const result = advanceSchedule(schedule, zone, local(zone, done));
    expect(wallClock(zone, result.nextDueDate)).toBe(next);
    if (nextAnchor) expect(wallClock(zone, result.anchor)).toBe(nextAnchor);
  });

  it("no months is all year", () => {
    const dueDate = local(BERLIN, "2026-12-01T09:00");
    const result = advanceSchedule(
      { frequency: { type: "daily" }, mode: "fixed", dueDate, anchor: dueDate, activeMonths: [] },
      BERLIN,
      dueDate,
    );
    expect(wallClock(BERLIN, result.nextDueDate)).toBe("2026-12-02T09:00 +01:00");
  });

  it("a whole year of weekly occurrences stays inside the season", () => {
    const anchor = local(BERLIN, "2026-04-06T18:00");
    const frequency: Frequency = { type: "weekly", weekdays: [1] };
    let due: Date | null = anchor;
    const months = new Set<number>();
    for (let i = 0; i < 60; i += 1) {
      due = advanceSchedule({ frequency, mode: "fixed", dueDate: due, anchor, activeMonths: APRIL_TO_OCTOBER }, BERLIN, due!).nextDueDate;
      const date = DateTime.fromJSDate(due!, { zone: BERLIN });
      months.add(date.month);
      expect(date.toFormat("ccc HH:mm")).toBe("Mon 18:00");
    }
    expect([...months].sort((a, b) => a - b)).toEqual(APRIL_TO_OCTOBER);
  });
});

describe("dueInSeason", () => {
  const daily: Frequency = { type: "daily" };

  it("moves a date outside the season to the first rule date inside it, keeping the anchor", () => {
    const due = local(BERLIN, "2026-12-03T23:59");
    const result = dueInSeason({ frequency: daily, mode: "fixed", activeMonths: APRIL_TO_OCTOBER }, BERLIN, due, due);
    expect(wallClock(BERLIN, result.nextDueDate)).toBe("2027-04-01T23:59 +02:00");
    expect(result.anchor).toEqual(due);
  });

  it("leaves a date in season and a one-off chore alone", () => {
    const june = local(BERLIN, "2026-06-03T09:00");
    expect(dueInSeason({ frequency: daily, mode: "fixed", activeMonths: APRIL_TO_OCTOBER }, BERLIN, june, june).nextDueDate).toEqual(june);
    const december = local(BERLIN, "2026-12-03T09:00");
    const once = dueInSeason({ frequency: { type: "once" }, mode: "fixed", activeMonths: APRIL_TO_OCTOBER }, BERLIN, december, december);
    expect(once.nextDueDate).toEqual(december);
  });

  it("judges the month in the circle's zone: 1 April 00:30 in Berlin is 31 March in UTC", () => {
    const due = local(BERLIN, "2027-04-01T00:30");
    const result = dueInSeason({ frequency: daily, mode: "fixed", activeMonths: APRIL_TO_OCTOBER }, BERLIN, due, due);
    expect(result.nextDueDate).toEqual(due);
  });

  it("with firstDueDate: a new weekly chore in December first falls on April's first Monday", () => {
    const weekly: Frequency = { type: "weekly", weekdays: [1] };
    const first = firstDueDate(weekly, BERLIN, local(BERLIN, "2026-12-03T10:00"))!;
    const result = dueInSeason({ frequency: weekly, mode: "rolling", activeMonths: APRIL_TO_OCTOBER }, BERLIN, first, first);
    expect(wallClock(BERLIN, result.nextDueDate)).toBe("2027-04-05T23:59 +02:00");
  });
});
