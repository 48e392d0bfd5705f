import type { Calendar, CalendarOccurrence } from "@chorus/shared";
import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { CalendarView } from "./calendar-view";

const person = (userId: number, displayName: string) => ({ userId, displayName });
const SAM = person(1, "Sam");
const ALEX = person(2, "Alex");

function occurrence(overrides: Partial<CalendarOccurrence>): CalendarOccurrence {
  return {
    choreId: 1,
    choreName: "Dishes",
    at: "2026-12-08T17:00:00.000Z",
    day: "2026-12-08",
    state: "upcoming",
    member: ALEX,
    rotates: false,
    shared: null,
    away: false,
    doneBy: null,
    doneAt: null,
    ...overrides,
  };
}

function calendar(weekStart: number, occurrences: CalendarOccurrence[]): Calendar {
  return { from: "2026-12-01", to: "2026-12-14", timezone: "Europe/Berlin", locale: "en-US", weekStart, member: "everyone", occurrences };
}

const renderView = (data: Calendar, view: "week" | "month" = "week") =>
  render(
    <MemoryRouter>
      <CalendarView calendar={data} view={view} day="2026-12-09" today="2026-12-09" weekLink={(day) => `/calendar?day=${day}`} />
    </MemoryRouter>,
  );

describe("CalendarView", () => {
  it("starts the week on the locale's first day and marks today", () => {
    renderView(calendar(7, []));
    const days = within(screen.getByRole("list", { name: "Week" })).getAllByRole("heading", { level: 2 });
    expect(days).toHaveLength(7);
    expect(days[0]).toHaveTextContent(/Sunday.*6/);
    expect(days[3]).toHaveTextContent("(today)");
    renderView(calendar(1, []));
    expect(within(screen.getAllByRole("list", { name: "Week" })[1]!).getAllByRole("heading", { level: 2 })[0]).toHaveTextContent(
      /Monday.*7/,
    );
  });

  it("says each occurrence's state in words, whose it is and who did it for whom", () => {
    renderView(
      calendar(1, [
        occurrence({ state: "done", doneBy: SAM, doneAt: "2026-12-08T16:00:00.000Z" }),
        occurrence({ choreId: 2, choreName: "Bins", state: "missed" }),
        occurrence({ choreId: 3, choreName: "Hoover", member: null, rotates: true, day: "2026-12-10" }),
        occurrence({ choreId: 4, choreName: "Plants", away: true, state: "overdue", day: "2026-12-07" }),
        occurrence({ choreId: 5, choreName: "Windows", state: "skipped", member: SAM, doneBy: SAM }),
        occurrence({ choreId: 6, choreName: "Tidy up", member: null, shared: "everyone", day: "2026-12-11" }),
      ]),
    );
    const item = (name: string) => screen.getByRole("link", { name }).closest("li")!;
    expect(item("Dishes")).toHaveTextContent(/Done.*Sam for Alex/);
    expect(item("Bins")).toHaveTextContent(/Missed.*Alex/);
    expect(item("Hoover")).toHaveTextContent(/Upcoming.*Rotates/);
    expect(item("Plants")).toHaveTextContent(/Overdue · Away/);
    expect(item("Windows")).toHaveTextContent(/Skipped.*· Sam$/);
    expect(item("Tidy up")).toHaveTextContent(/Upcoming.*For everyone/);
    expect(screen.getAllByText("Nothing")).toHaveLength(3);
  });

  it("shows a month as weeks from the locale's first day, each day leading to its week", () => {
    renderView(calendar(6, [occurrence({ day: "2026-12-09", state: "done", doneBy: ALEX })]), "month");
    const table = screen.getByRole("table");
    expect(within(table).getAllByRole("columnheader")[0]).toHaveTextContent("Sat");
    // December 2026 from Saturday 28 November to Friday 1 January: five weeks.
    expect(within(table).getAllByRole("row")).toHaveLength(6);
    const ninth = within(table).getByRole("link", { name: /^Wednesday.*\b9\b.*, 1 occurrence: show the week$/ });
    expect(ninth).toHaveAttribute("href", "/calendar?day=2026-12-09");
    expect(within(ninth.closest("td")!).getByText(/Done:/)).toBeInTheDocument();
  });
});
