import type { Statistics } from "@chorus/shared";
import { act, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { i18next } from "../../../lib/i18n";
import { StatisticsReport } from "./statistics-report";

const week = (weekStart: string, completed: number, points: number) => ({
  weekStart,
  completed,
  onTime: completed,
  late: 0,
  skipped: 0,
  missed: 1,
  points,
});
const stats: Statistics = {
  timezone: "Europe/Berlin",
  weekStarts: ["2026-11-23", "2026-11-30"],
  from: "2026-11-22T23:00:00.000Z",
  to: "2026-12-03T10:00:00.000Z",
  members: [{ userId: 2, displayName: "Alex", weeks: [week("2026-11-23", 0, 0), week("2026-11-30", 1, 1500)] }],
  topChores: [{ choreId: 8, name: "Abwasch", completions: 1 }],
};

beforeAll(() => {
  // jsdom draws no canvases: the summaries and tables carry the numbers.
  HTMLCanvasElement.prototype.getContext = () => null;
});

afterEach(async () => {
  await act(() => i18next.changeLanguage("en"));
});

describe("statistics in German (decision 0046)", () => {
  it("names the weeks in German dates, and counts with German plurals and numbers", async () => {
    await act(() => i18next.changeLanguage("de"));
    render(
      <MemoryRouter>
        <StatisticsReport stats={stats} />
      </MemoryRouter>,
    );
    const summary = screen.getByRole("region", { name: "Alex, Wochen vom 23. Nov. bis 30. Nov." });
    expect(within(summary).getByText("Erledigt").nextSibling).toHaveTextContent("1");
    expect(within(summary).getByText("Punkte").nextSibling).toHaveTextContent("1.500");
    const completions = screen.getByRole("region", { name: "Erledigungen pro Woche" });
    expect(within(completions).getByText("1 Erledigung insgesamt; die meisten in der Woche vom 30. Nov. (1).")).toBeInTheDocument();
    expect(within(completions).getByRole("columnheader", { name: "Woche vom" })).toBeInTheDocument();
    expect(screen.getByText("1.500 Punkte aus Aufgaben; die meisten in der Woche vom 30. Nov. (1.500).")).toBeInTheDocument();
    expect(screen.getByText("1 pünktlich, 0 verspätet, 0 übersprungen, 2 verpasst.")).toBeInTheDocument();
    expect(screen.getByText("Am häufigsten erledigt: Abwasch (1).")).toBeInTheDocument();
    expect(screen.getAllByText("Zahlen anzeigen")).toHaveLength(4);
  });
});
