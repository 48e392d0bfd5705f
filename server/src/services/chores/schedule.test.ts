import type { Frequency, ScheduleMode } from "@chorus/shared";
import { DateTime } from "luxon";
import { advanceSchedule, firstDueDate } from "./schedule";

const NEW_YORK = "America/New_York";
const BERLIN = "Europe/Berlin";
const KOLKATA = "Asia/Kolkata";
const UTC = "UTC";

/** A wall-clock time in `zone`, as the instant the API stores. */
function local(zone: string, wallClock: string): Date {
  const parsed = DateTime.fromISO(wallClock, { zone });
  if (!parsed.isValid) throw new Error(`Bad test date ${wallClock}`);
  return parsed.toJSDate();
}

function wallClock(zone: string, date: Date | null): string | null {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ZZ") : null;
}

const daily: Frequency = { type: "daily" };
const yearly: Frequency = { type: "yearly" };
const weekly = (...weekdays: number[]): Frequency => ({ type: "weekly", weekdays });
const monthly = (dayOfMonth: number): Frequency => ({ type: "monthly", dayOfMonth });
const every = (n: number, unit: "days" | "weeks" | "months"): Frequency => ({ type: "interval", every: n, unit });

interface Case {
  name: string;
  zone: string;
  frequency: Frequency;
  mode: ScheduleMode;
  due: string | null;
  /** Defaults to `due`. */
  anchor?: string;
  done: string;
  /** Local wall clock with offset, `yyyy-MM-ddTHH:mm ±HH:mm`, or null. */
  next: string | null;
}

const cases: Case[] = [
  // once
  {
    name: "once is finished",
    zone: UTC,
    frequency: { type: "once" },
    mode: "fixed",
    due: "2024-05-01T10:00",
    done: "2024-05-01T11:00",
    next: null,
  },

  // daily
  {
    name: "daily fixed on time",
    zone: BERLIN,
    frequency: daily,
    mode: "fixed",
    due: "2024-05-01T09:00",
    done: "2024-05-01T09:30",
    next: "2024-05-02T09:00 +02:00",
  },
  {
    name: "daily fixed done early stays one step",
    zone: BERLIN,
    frequency: daily,
    mode: "fixed",
    due: "2024-05-01T09:00",
    done: "2024-04-30T20:00",
    next: "2024-05-02T09:00 +02:00",
  },
  {
    name: "daily fixed done days late jumps past the completion",
    zone: BERLIN,
    frequency: daily,
    mode: "fixed",
    due: "2024-05-01T09:00",
    done: "2024-05-04T10:00",
    next: "2024-05-05T09:00 +02:00",
  },
  {
    name: "daily fixed done late before the day's time takes that day",
    zone: BERLIN,
    frequency: daily,
    mode: "fixed",
    due: "2024-05-01T09:00",
    done: "2024-05-04T08:00",
    next: "2024-05-04T09:00 +02:00",
  },
  {
    name: "daily fixed across spring-forward keeps 09:00",
    zone: NEW_YORK,
    frequency: daily,
    mode: "fixed",
    due: "2024-03-09T09:00",
    done: "2024-03-09T09:10",
    next: "2024-03-10T09:00 -04:00",
  },
  {
    name: "daily fixed across fall-back keeps 09:00",
    zone: BERLIN,
    frequency: daily,
    mode: "fixed",
    due: "2024-10-26T09:00",
    done: "2024-10-26T09:10",
    next: "2024-10-27T09:00 +01:00",
  },
  {
    name: "daily fixed 02:30 in the DST gap moves forward, then returns",
    zone: NEW_YORK,
    frequency: daily,
    mode: "fixed",
    due: "2024-03-09T02:30",
    done: "2024-03-09T03:00",
    next: "2024-03-10T03:30 -04:00",
  },
  {
    name: "daily fixed series returns to 02:30 after the gap",
    zone: NEW_YORK,
    frequency: daily,
    mode: "fixed",
    due: "2024-03-10T03:30",
    anchor: "2024-03-09T02:30",
    done: "2024-03-10T04:00",
    next: "2024-03-11T02:30 -04:00",
  },
  {
    name: "daily rolling counts from the completion day",
    zone: BERLIN,
    frequency: daily,
    mode: "rolling",
    due: "2024-05-01T09:00",
    done: "2024-05-03T21:00",
    next: "2024-05-04T09:00 +02:00",
  },
  {
    name: "daily rolling done early never repeats the same occurrence",
    zone: BERLIN,
    frequency: daily,
    mode: "rolling",
    due: "2024-05-01T09:00",
    done: "2024-04-30T20:00",
    next: "2024-05-02T09:00 +02:00",
  },
  {
    name: "daily rolling across DST keeps the time of day",
    zone: NEW_YORK,
    frequency: daily,
    mode: "rolling",
    due: "2024-11-02T09:00",
    done: "2024-11-02T22:00",
    next: "2024-11-03T09:00 -05:00",
  },
  {
    name: "daily rolling uses the circle's local day, not UTC's",
    zone: KOLKATA,
    frequency: daily,
    mode: "rolling",
    due: "2024-05-01T07:00",
    done: "2024-05-02T01:00",
    next: "2024-05-03T07:00 +05:30",
  },
  {
    name: "daily with no due date starts from the completion",
    zone: UTC,
    frequency: daily,
    mode: "fixed",
    due: null,
    done: "2024-05-01T18:45",
    next: "2024-05-02T18:45 +00:00",
  },

  // weekly
  {
    name: "weekly Mon+Thu fixed goes Mon → Thu",
    zone: BERLIN,
    frequency: weekly(1, 4),
    mode: "fixed",
    due: "2024-05-06T18:00",
    done: "2024-05-06T19:00",
    next: "2024-05-09T18:00 +02:00",
  },
  {
    name: "weekly Mon+Thu fixed goes Thu → next Mon",
    zone: BERLIN,
    frequency: weekly(1, 4),
    mode: "fixed",
    due: "2024-05-09T18:00",
    done: "2024-05-09T18:30",
    next: "2024-05-13T18:00 +02:00",
  },
  {
    name: "weekly Sunday (7) fixed",
    zone: UTC,
    frequency: weekly(7),
    mode: "fixed",
    due: "2024-05-05T10:00",
    done: "2024-05-05T12:00",
    next: "2024-05-12T10:00 +00:00",
  },
  {
    name: "weekly fixed done a fortnight late jumps to the next weekday ahead",
    zone: BERLIN,
    frequency: weekly(1, 4),
    mode: "fixed",
    due: "2024-05-06T18:00",
    done: "2024-05-21T12:00",
    next: "2024-05-23T18:00 +02:00",
  },
  {
    name: "weekly fixed done late on the weekday before its time takes that day",
    zone: BERLIN,
    frequency: weekly(1, 4),
    mode: "fixed",
    due: "2024-05-06T18:00",
    done: "2024-05-09T17:00",
    next: "2024-05-09T18:00 +02:00",
  },
  {
    name: "weekly rolling skips the rest of the completion day",
    zone: BERLIN,
    frequency: weekly(1, 4),
    mode: "rolling",
    due: "2024-05-06T18:00",
    done: "2024-05-09T07:00",
    next: "2024-05-13T18:00 +02:00",
  },
  {
    name: "weekly across spring-forward in New York keeps 18:00",
    zone: NEW_YORK,
    frequency: weekly(6),
    mode: "fixed",
    due: "2024-03-09T18:00",
    done: "2024-03-09T18:30",
    next: "2024-03-16T18:00 -04:00",
  },
  {
    name: "weekly off-pattern first due date falls into the pattern",
    zone: UTC,
    frequency: weekly(1),
    mode: "fixed",
    due: "2024-05-08T08:00",
    done: "2024-05-08T08:00",
    next: "2024-05-13T08:00 +00:00",
  },

  // monthly
  {
    name: "monthly 31 fixed Jan → Feb 29 in a leap year",
    zone: BERLIN,
    frequency: monthly(31),
    mode: "fixed",
    due: "2024-01-31T09:00",
    done: "2024-01-31T10:00",
    next: "2024-02-29T09:00 +01:00",
  },
  {
    name: "monthly 31 fixed Feb 29 → back to Mar 31",
    zone: BERLIN,
    frequency: monthly(31),
    mode: "fixed",
    due: "2024-02-29T09:00",
    anchor: "2024-01-31T09:00",
    done: "2024-02-29T10:00",
    next: "2024-03-31T09:00 +02:00",
  },
  {
    name: "monthly 31 fixed Jan → Feb 28 in a common year",
    zone: NEW_YORK,
    frequency: monthly(31),
    mode: "fixed",
    due: "2023-01-31T09:00",
    done: "2023-01-31T10:00",
    next: "2023-02-28T09:00 -05:00",
  },
  {
    name: "monthly 31 fixed Mar → Apr 30",
    zone: UTC,
    frequency: monthly(31),
    mode: "fixed",
    due: "2024-03-31T09:00",
    done: "2024-03-31T09:00",
    next: "2024-04-30T09:00 +00:00",
  },
  {
    name: "monthly 15 fixed done three months late",
    zone: KOLKATA,
    frequency: monthly(15),
    mode: "fixed",
    due: "2024-01-15T09:00",
    done: "2024-04-20T09:00",
    next: "2024-05-15T09:00 +05:30",
  },
  {
    name: "monthly 15 rolling done after the 15th goes to next month",
    zone: BERLIN,
    frequency: monthly(15),
    mode: "rolling",
    due: "2024-01-15T09:00",
    done: "2024-01-20T09:00",
    next: "2024-02-15T09:00 +01:00",
  },
  {
    name: "monthly fixed across DST keeps the time",
    zone: BERLIN,
    frequency: monthly(1),
    mode: "fixed",
    due: "2024-03-01T09:00",
    done: "2024-03-01T09:00",
    next: "2024-04-01T09:00 +02:00",
  },

  // yearly
  {
    name: "yearly on 29 Feb fixed → 28 Feb",
    zone: UTC,
    frequency: yearly,
    mode: "fixed",
    due: "2024-02-29T12:00",
    done: "2024-02-29T12:00",
    next: "2025-02-28T12:00 +00:00",
  },
  {
    name: "yearly on 29 Feb fixed returns to 29 Feb in the next leap year",
    zone: UTC,
    frequency: yearly,
    mode: "fixed",
    due: "2027-02-28T12:00",
    anchor: "2024-02-29T12:00",
    done: "2027-02-28T13:00",
    next: "2028-02-29T12:00 +00:00",
  },
  {
    name: "yearly fixed done two years late",
    zone: BERLIN,
    frequency: yearly,
    mode: "fixed",
    due: "2021-06-01T09:00",
    done: "2023-07-01T09:00",
    next: "2024-06-01T09:00 +02:00",
  },
  {
    name: "yearly rolling counts from the completion day",
    zone: BERLIN,
    frequency: yearly,
    mode: "rolling",
    due: "2024-06-01T09:00",
    done: "2024-06-10T20:00",
    next: "2025-06-10T09:00 +02:00",
  },

  // interval
  {
    name: "every 3 days fixed",
    zone: BERLIN,
    frequency: every(3, "days"),
    mode: "fixed",
    due: "2024-05-01T09:00",
    done: "2024-05-01T10:00",
    next: "2024-05-04T09:00 +02:00",
  },
  {
    name: "every 3 days fixed done a week late stays on the anchor's rhythm",
    zone: BERLIN,
    frequency: every(3, "days"),
    mode: "fixed",
    due: "2024-05-01T09:00",
    done: "2024-05-08T10:00",
    next: "2024-05-10T09:00 +02:00",
  },
  {
    name: "every 3 days rolling done late",
    zone: BERLIN,
    frequency: every(3, "days"),
    mode: "rolling",
    due: "2024-05-01T09:00",
    done: "2024-05-08T10:00",
    next: "2024-05-11T09:00 +02:00",
  },
  {
    name: "every 3 days rolling done early counts from the completion",
    zone: BERLIN,
    frequency: every(3, "days"),
    mode: "rolling",
    due: "2024-05-03T09:00",
    done: "2024-05-01T10:00",
    next: "2024-05-04T09:00 +02:00",
  },
  {
    name: "every 2 weeks fixed across DST",
    zone: NEW_YORK,
    frequency: every(2, "weeks"),
    mode: "fixed",
    due: "2024-03-02T08:00",
    done: "2024-03-02T09:00",
    next: "2024-03-16T08:00 -04:00",
  },
  {
    name: "every 2 weeks fixed done a month late",
    zone: NEW_YORK,
    frequency: every(2, "weeks"),
    mode: "fixed",
    due: "2024-03-02T08:00",
    done: "2024-04-05T09:00",
    next: "2024-04-13T08:00 -04:00",
  },
  {
    name: "every month fixed from 31 Jan clamps without drifting",
    zone: BERLIN,
    frequency: every(1, "months"),
    mode: "fixed",
    due: "2024-02-29T09:00",
    anchor: "2024-01-31T09:00",
    done: "2024-02-29T09:30",
    next: "2024-03-31T09:00 +02:00",
  },
  {
    name: "every 3 months fixed done half a year late",
    zone: UTC,
    frequency: every(3, "months"),
    mode: "fixed",
    due: "2024-01-31T09:00",
    done: "2024-07-31T10:00",
    next: "2024-10-31T09:00 +00:00",
  },
  {
    name: "every month rolling from the completion day clamps",
    zone: KOLKATA,
    frequency: every(1, "months"),
    mode: "rolling",
    due: "2024-01-20T09:00",
    done: "2024-01-31T18:00",
    next: "2024-02-29T09:00 +05:30",
  },
];

describe("advanceSchedule", () => {
  it.each(cases)("$name ($zone)", ({ zone, frequency, mode, due, anchor, done, next }) => {
    const result = advanceSchedule(
      {
        frequency,
        mode,
        dueDate: due ? local(zone, due) : null,
        anchor: anchor ? local(zone, anchor) : due ? local(zone, due) : null,
        activeMonths: [],
      },
      zone,
      local(zone, done),
    );
    expect(wallClock(zone, result.nextDueDate)).toBe(next);
  });

  it("keeps the anchor of a fixed series and moves it along with a rolling one", () => {
    const anchor = local(BERLIN, "2024-01-31T09:00");
    const fixed = advanceSchedule(
      { frequency: monthly(31), mode: "fixed", dueDate: local(BERLIN, "2024-02-29T09:00"), anchor, activeMonths: [] },
      BERLIN,
      local(BERLIN, "2024-02-29T10:00"),
    );
    expect(fixed.anchor).toEqual(anchor);
    const rolling = advanceSchedule(
      { frequency: daily, mode: "rolling", dueDate: local(BERLIN, "2024-02-29T09:00"), anchor, activeMonths: [] },
      BERLIN,
      local(BERLIN, "2024-02-29T10:00"),
    );
    expect(rolling.anchor).toEqual(rolling.nextDueDate);
  });

  it("walks a fixed month-end series for a year without drifting", () => {
    const anchor = local(NEW_YORK, "2024-01-31T21:00");
    let due: Date | null = anchor;
    const seen: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      due = advanceSchedule({ frequency: monthly(31), mode: "fixed", dueDate: due, anchor, activeMonths: [] }, NEW_YORK, due!).nextDueDate;
      seen.push(DateTime.fromJSDate(due!, { zone: NEW_YORK }).toFormat("MM-dd HH:mm"));
    }
    expect(seen).toEqual([
      "02-29 21:00",
      "03-31 21:00",
      "04-30 21:00",
      "05-31 21:00",
      "06-30 21:00",
      "07-31 21:00",
      "08-31 21:00",
      "09-30 21:00",
      "10-31 21:00",
      "11-30 21:00",
      "12-31 21:00",
      "01-31 21:00",
    ]);
  });

  it("answers at once for a series completed decades after its anchor", () => {
    const anchor = local(UTC, "2000-01-01T06:00");
    const result = advanceSchedule(
      { frequency: daily, mode: "fixed", dueDate: anchor, anchor, activeMonths: [] },
      UTC,
      local(UTC, "2040-06-15T07:00"),
    );
    expect(wallClock(UTC, result.nextDueDate)).toBe("2040-06-16T06:00 +00:00");
  });
});

describe("firstDueDate", () => {
  // Wednesday 8 May 2024, 10:00 in each zone unless a case says otherwise.
  const firstCases: { name: string; zone: string; frequency: Frequency; now: string; due: string | null }[] = [
    { name: "once stays undated", zone: BERLIN, frequency: { type: "once" }, now: "2024-05-08T10:00", due: null },
    { name: "daily is due by the end of today", zone: BERLIN, frequency: daily, now: "2024-05-08T10:00", due: "2024-05-08T23:59 +02:00" },
    {
      name: "daily created in today's last minute is due tomorrow",
      zone: BERLIN,
      frequency: daily,
      now: "2024-05-08T23:59:30",
      due: "2024-05-09T23:59 +02:00",
    },
    {
      name: "weekly Mon+Thu on a Wednesday → Thursday",
      zone: BERLIN,
      frequency: weekly(1, 4),
      now: "2024-05-08T10:00",
      due: "2024-05-09T23:59 +02:00",
    },
    {
      name: "weekly Mon+Thu on a Monday → that Monday",
      zone: NEW_YORK,
      frequency: weekly(1, 4),
      now: "2024-05-06T10:00",
      due: "2024-05-06T23:59 -04:00",
    },
    {
      name: "weekly Mon+Thu on a Friday → next Monday",
      zone: KOLKATA,
      frequency: weekly(1, 4),
      now: "2024-05-10T10:00",
      due: "2024-05-13T23:59 +05:30",
    },
    {
      name: "monthly 31 in February → its last day",
      zone: UTC,
      frequency: monthly(31),
      now: "2024-02-10T10:00",
      due: "2024-02-29T23:59 +00:00",
    },
    {
      name: "monthly 5 after the 5th → next month",
      zone: BERLIN,
      frequency: monthly(5),
      now: "2024-05-08T10:00",
      due: "2024-06-05T23:59 +02:00",
    },
    { name: "yearly starts today", zone: BERLIN, frequency: yearly, now: "2024-05-08T10:00", due: "2024-05-08T23:59 +02:00" },
    {
      name: "every 2 weeks starts today",
      zone: BERLIN,
      frequency: every(2, "weeks"),
      now: "2024-05-08T10:00",
      due: "2024-05-08T23:59 +02:00",
    },
    { name: "the circle's day, not UTC's", zone: KOLKATA, frequency: daily, now: "2024-05-09T02:00", due: "2024-05-09T23:59 +05:30" },
  ];
  it.each(firstCases)("$name ($zone)", ({ zone, frequency, now, due }) => {
    expect(wallClock(zone, firstDueDate(frequency, zone, local(zone, now)))).toBe(due);
  });
});
