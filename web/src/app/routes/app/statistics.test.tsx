import type { Statistics } from "@chorus/shared";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { StatisticsRoute } from "./statistics";

const sam = makeUser({ id: 1, displayName: "Sam", role: "admin", timezone: "Europe/Berlin" });
const weekStarts = ["2026-11-23", "2026-11-30"];
const week = (weekStart: string, completed: number, late: number, skipped: number, missed: number, points: number) => ({
  weekStart,
  completed,
  onTime: completed - late,
  late,
  skipped,
  missed,
  points,
});
const alex = { userId: 2, displayName: "Alex", weeks: [week(weekStarts[0]!, 2, 1, 0, 2, 4), week(weekStarts[1]!, 3, 0, 1, 0, 6)] };
const sky = { userId: 3, displayName: "Sky", weeks: [week(weekStarts[0]!, 0, 0, 0, 0, 0), week(weekStarts[1]!, 1, 0, 0, 1, 2)] };
const answer = (members: Statistics["members"]): Statistics => ({
  timezone: "Europe/Berlin",
  weekStarts,
  from: "2026-11-22T23:00:00.000Z",
  to: "2026-12-03T10:00:00.000Z",
  members,
  topChores: [
    { choreId: 8, name: "Dishes", completions: 4 },
    { choreId: 9, name: "Bins", completions: 2 },
  ],
});

function renderPage(path = "/statistics") {
  return renderInSignedInShell(<Route path="statistics" element={<StatisticsRoute />} />, {
    path,
    routes: {
      "GET /users/me": () => ok(sam),
      "GET /circles/current/members": () =>
        ok({ members: [makeMember({ userId: 2, displayName: "Alex" }), makeMember({ userId: 3, displayName: "Sky" })] }),
      "GET /circles/current/statistics": ({ query }) => ok(answer(query.get("memberId") === "2" ? [alex] : [alex, sky])),
    },
  });
}

beforeAll(() => {
  // jsdom draws no canvases: the page must still give every number as text.
  HTMLCanvasElement.prototype.getContext = () => null;
});

describe("the statistics page", () => {
  it("sums the circle's weeks and gives each chart a summary and a table of its numbers", async () => {
    const { requests } = renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: "Statistics" })).toBeInTheDocument();
    const summary = await screen.findByRole("region", { name: "Everyone, weeks of Nov 23 to Nov 30" });
    expect(within(summary).getByText("Completed").nextSibling).toHaveTextContent("6");
    expect(within(summary).getByText("Late").nextSibling).toHaveTextContent("1");
    expect(within(summary).getByText("Skipped").nextSibling).toHaveTextContent("1");
    expect(within(summary).getByText("Missed").nextSibling).toHaveTextContent("3");
    expect(within(summary).getByText("Points").nextSibling).toHaveTextContent("12");
    expect(requests.find((request) => request.path === "/circles/current/statistics")!.query.get("weeks")).toBe("8");

    const completions = screen.getByRole("region", { name: "Completions per week" });
    expect(within(completions).getByRole("img", { name: /6 completions in all; most in the week of Nov 30 \(4\)/ })).toBeInTheDocument();
    const table = within(completions).getByRole("table", { name: "Completions per week" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Week of", "Alex", "Sky"]);
    expect(within(table).getAllByRole("row")[2]).toHaveTextContent(/Nov 30\s*3\s*1/);

    const outcomes = screen.getByRole("region", { name: "On time, late, skipped and missed" });
    expect(within(outcomes).getByText("5 on time, 1 late, 1 skipped, 3 missed.")).toBeInTheDocument();
    const outcomeTable = within(outcomes).getByRole("table", { name: "On time, late, skipped and missed" });
    expect(within(outcomeTable).getAllByRole("row")[1]).toHaveTextContent(/Alex\s*4\s*1\s*1\s*2/);
    const top = screen.getByRole("region", { name: "Top chores" });
    expect(within(top).getByRole("link", { name: "Dishes" })).toHaveAttribute("href", "/chores/8");
  });

  it("narrows to one member and a longer range, kept in the address", async () => {
    const user = userEvent.setup();
    const { requests } = renderPage();
    await screen.findByRole("option", { name: "Alex" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Member" }), "Alex");
    await user.selectOptions(screen.getByRole("combobox", { name: "Weeks" }), "Last 12 weeks");
    await waitFor(() => {
      const last = requests.findLast((request) => request.path === "/circles/current/statistics")!;
      expect([last.query.get("memberId"), last.query.get("weeks")]).toEqual(["2", "12"]);
    });
    expect(await screen.findByRole("region", { name: "Alex, weeks of Nov 23 to Nov 30" })).toBeInTheDocument();
    // One member's completions are split into on time and late.
    const table = within(screen.getByRole("region", { name: "Completions per week" })).getByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Week of", "On time", "Late"]);
  });

  it("opens on the filters in the address", async () => {
    const { requests } = renderPage("/statistics?member=2&weeks=26");
    expect(await screen.findByRole("region", { name: "Alex, weeks of Nov 23 to Nov 30" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Weeks" })).toHaveValue("26");
    const sent = requests.find((request) => request.path === "/circles/current/statistics")!;
    expect([sent.query.get("memberId"), sent.query.get("weeks")]).toEqual(["2", "26"]);
  });
});
