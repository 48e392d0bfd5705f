/** The chore screens in German (decision 0046): words, plurals and dates follow the language chosen. */
import { act, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { makeChore, makeMember } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { i18next } from "../../../lib/i18n";
import { AwayNotice, awayTextFor } from "../../away/components/away-notice";
import { CalendarView } from "../../calendar/components/calendar-view";
import { describeFrequency, describePenalty } from "../utils/describe-chore";
import { ChoreForm } from "./chore-form";
import { TaskList } from "./task-list";

const now = new Date("2026-11-21T09:00:00Z");
const timeZone = "Europe/Berlin";
const nameOf = (id: number | null) => ({ 1: "Sam", 2: "Alex", 3: "Kim" })[id ?? 0] ?? `#${id}`;

beforeEach(async () => {
  await act(() => i18next.changeLanguage("de"));
});
afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

describe("chores in German", () => {
  it("shows a task card's due date in German format, its shared status and its buttons", () => {
    const chore = makeChore({
      id: 1,
      name: "Zimmer aufräumen",
      nextDueDate: "2026-11-24T17:30:00Z",
      points: 3,
      assignees: [1, 2, 3],
      assignedTo: null,
      assignmentMode: "everyone",
      parts: [
        { userId: 1, state: "done" },
        { userId: 2, state: "open" },
        { userId: 3, state: "open" },
      ],
    });
    renderWithApi(<TaskList chores={[chore]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nichts" now={now} />, { routes: {} });
    expect(screen.getByRole("heading", { name: "Demnächst (1)" })).toBeInTheDocument();
    const card = screen.getByRole("article", { name: "Zimmer aufräumen" });
    expect(card).toHaveTextContent("Fällig 24.11.2026, 18:30");
    expect(card).toHaveTextContent("Für alle");
    expect(card).toHaveTextContent("1 von 3 erledigt · offen: Alex, Kim");
    expect(card).toHaveTextContent("3 Pkt.");
    expect(screen.getByRole("button", { name: "Erledigt: Zimmer aufräumen" })).toHaveTextContent("Erledigt");
    expect(screen.getByRole("button", { name: "Überspringen: Zimmer aufräumen" })).toBeInTheDocument();
  });

  it("describes schedules and penalties with German plurals and weekday names from Intl", () => {
    expect(describeFrequency({ type: "interval", every: 1, unit: "weeks" })).toBe("Jede Woche");
    expect(describeFrequency({ type: "interval", every: 3, unit: "weeks" })).toBe("Alle 3 Wochen");
    // Intl names the days: "Mo., Mi." or "Mo, Mi" depending on the ICU version.
    expect(describeFrequency({ type: "weekly", weekdays: [3, 1] })).toMatch(/^Jede Woche am Mo\.?, Mi\.?$/);
    expect(describePenalty({ points: 1, graceMinutes: 0 })).toBe("−1 Punkt, wenn nicht bis zur Fälligkeit erledigt oder übersprungen");
    expect(describePenalty({ points: 5, graceMinutes: 120 })).toBe(
      "−5 Punkte, wenn nicht binnen 2 Stunden nach der Fälligkeit erledigt oder übersprungen",
    );
  });

  it("names the form's weekdays and months in German", async () => {
    const chore = makeChore({ frequency: { type: "weekly", weekdays: [1] }, activeMonths: [4, 5] });
    renderWithApi(
      <ChoreForm
        chore={chore}
        members={[makeMember({ userId: 1, displayName: "Sam" })]}
        timeZone={timeZone}
        defaultAssignee={1}
        submitLabel="Speichern"
        canSetPenalty={false}
        onSubmit={() => Promise.resolve()}
        onCancel={() => undefined}
      />,
      { routes: {} },
    );
    expect(screen.getByRole("checkbox", { name: "Montag" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Sonntag" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "April" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Dezember" })).not.toBeChecked();
    expect(screen.getByRole("combobox", { name: "Wiederholung" })).toHaveDisplayValue("Wöchentlich, an gewählten Tagen");
    expect(await screen.findByRole("button", { name: "Abbrechen" })).toBeInTheDocument();
  });
});

describe("calendar and away days in German", () => {
  it("names the week's days in German and counts a month's occurrences with German plurals", () => {
    const occurrence = {
      choreId: 1,
      choreName: "Abwasch",
      at: "2026-12-08T17:00:00.000Z",
      day: "2026-12-08",
      state: "done" as const,
      member: { userId: 2, displayName: "Alex" },
      rotates: false,
      shared: null,
      away: false,
      doneBy: { userId: 1, displayName: "Sam" },
      doneAt: null,
    };
    const calendar = {
      from: "2026-12-01",
      to: "2026-12-14",
      timezone: timeZone,
      locale: "de-DE",
      weekStart: 1,
      member: "everyone" as const,
      occurrences: [occurrence, { ...occurrence, choreId: 2, at: "2026-12-08T18:00:00.000Z" }],
    };
    const view = (kind: "week" | "month") => (
      <MemoryRouter>
        <CalendarView calendar={calendar} view={kind} day="2026-12-09" today="2026-12-09" weekLink={(day) => `/calendar?day=${day}`} />
      </MemoryRouter>
    );
    const { unmount } = render(view("week"));
    const days = within(screen.getByRole("list", { name: "Woche" })).getAllByRole("heading", { level: 2 });
    expect(days[0]).toHaveTextContent("Montag, 7. Dezember");
    expect(days[2]).toHaveTextContent("(heute)");
    const tuesday = days[1]!.closest("li")!;
    expect(tuesday).toHaveTextContent("Erledigt");
    expect(tuesday).toHaveTextContent("19:00 · Sam für Alex");
    unmount();
    render(view("month"));
    expect(screen.getByRole("link", { name: "Dienstag, 8. Dezember, 2 Termine: Woche zeigen" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Mittwoch, 9. Dezember, nichts: Woche zeigen" })).toBeInTheDocument();
  });

  it("says who is away until when, with the day in German format", () => {
    const period = {
      id: 1,
      member: null,
      startsOn: "2026-12-20",
      endsOn: "2026-12-27",
      startsAt: "2026-12-20T00:00:00.000Z",
      endsAt: "2026-12-28T00:00:00.000Z",
    };
    render(<AwayNotice periods={[period]} />);
    expect(screen.getByRole("heading", { name: "Abwesend" })).toBeInTheDocument();
    expect(screen.getByRole("listitem")).toHaveTextContent("Ganzer Haushalt pausiert 20.12.2026 – 27.12.2026");
    const chore = makeChore({ assignedTo: 1, nextDueDate: "2026-12-22T17:00:00Z" });
    expect(awayTextFor([period], chore)).toBe("Haushalt pausiert bis 27.12.2026");
  });
});
