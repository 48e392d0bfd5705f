import { screen, within } from "@testing-library/react";
import { makeChore } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { groupChoresByDue } from "../utils/group-chores";
import { TaskList } from "./task-list";

// 10:00 in Berlin (UTC+1 in November).
const now = new Date("2026-11-21T09:00:00Z");
const timeZone = "Europe/Berlin";
const nameOf = (id: number | null) => ({ 1: "Sam", 2: "Alex" })[id ?? 0] ?? `User #${id}`;

const chores = [
  makeChore({ id: 1, name: "Bins", nextDueDate: "2026-11-25T17:00:00Z" }),
  makeChore({ id: 2, name: "Dishes", nextDueDate: "2026-11-21T17:00:00Z" }),
  makeChore({ id: 3, name: "Plants", nextDueDate: "2026-11-20T08:00:00Z" }),
  makeChore({ id: 4, name: "Windows", nextDueDate: null }),
  // 23:30 UTC is already tomorrow in Berlin: upcoming, not today.
  makeChore({ id: 5, name: "Laundry", nextDueDate: "2026-11-21T23:30:00Z" }),
  // 22:30 UTC is 23:30 in Berlin: still today.
  makeChore({ id: 6, name: "Cat", nextDueDate: "2026-11-21T22:30:00Z", priority: 4 }),
  makeChore({ id: 7, name: "Bathroom", nextDueDate: "2026-11-21T08:59:00Z" }),
  makeChore({ id: 8, name: "Oven", frequency: { type: "once" }, nextDueDate: "2026-11-19T08:00:00Z", finishedAt: "2026-11-19T10:00:00Z" }),
  makeChore({ id: 9, name: "Gutters", nextDueDate: "2026-11-19T08:00:00Z", archived: true }),
];

describe("groupChoresByDue", () => {
  it("groups overdue / today / upcoming / no due date by the circle's calendar day, then done and archived", () => {
    const groups = groupChoresByDue(chores, now, timeZone);
    expect(groups.map((group) => [group.key, group.chores.map((chore) => chore.name)])).toEqual([
      ["overdue", ["Plants", "Bathroom"]],
      ["today", ["Dishes", "Cat"]],
      ["upcoming", ["Laundry", "Bins"]],
      ["unscheduled", ["Windows"]],
      ["finished", ["Oven"]],
      ["archived", ["Gutters"]],
    ]);
  });

  it("uses the circle's time zone, not the browser's", () => {
    const dueLateEvening = [makeChore({ nextDueDate: "2026-11-21T23:30:00Z" })];
    expect(groupChoresByDue(dueLateEvening, now, "Europe/Berlin")[0]?.key).toBe("upcoming");
    expect(groupChoresByDue(dueLateEvening, now, "America/New_York")[0]?.key).toBe("today");
  });
});

describe("TaskList", () => {
  it("renders each group under its heading with due times in the circle's zone", () => {
    renderWithApi(<TaskList chores={chores} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing" now={now} />, { routes: {} });
    const headings = screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual(["Overdue (2)", "Today (2)", "Upcoming (2)", "No due date (1)", "Done (1)", "Archived (1)"]);

    const today = screen.getByRole("region", { name: "Today (2)" });
    const dishes = within(today).getByRole("article", { name: "Dishes" });
    expect(dishes).toHaveTextContent(/Due today at 6:00\sPM/);
    expect(dishes).toHaveTextContent("For Alex");
    expect(within(today).getByRole("article", { name: "Cat" })).toHaveTextContent(/11:30\sPM/);
    expect(within(screen.getByRole("region", { name: "Overdue (2)" })).getByRole("article", { name: "Plants" })).toHaveTextContent(
      /Overdue since/,
    );
    expect(screen.queryByRole("button", { name: "Done: Oven" })).not.toBeInTheDocument();
  });

  it("shows actions only where the server says the viewer may act", () => {
    const bins = makeChore({
      ...chores[0],
      abilities: {
        canAct: false,
        canComplete: false,
        canEdit: false,
        canDelete: false,
        canSkipWhole: false,
        canClaim: false,
        canRelease: false,
      },
    });
    renderWithApi(<TaskList chores={[bins, chores[1]!]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing" now={now} />, {
      routes: {},
    });
    expect(screen.getByRole("button", { name: "Done: Dishes" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Done: Bins" })).not.toBeInTheDocument();
  });

  it("shows a chore waiting for approval without Done, and a rejected one with its note and Done", () => {
    const waiting = makeChore({ ...chores[0], needsApproval: true, approval: { status: "pending", approvalId: 3 } });
    const rejected = makeChore({
      ...chores[1],
      needsApproval: true,
      approval: { status: "rejected", note: "Still sticky", rejectedBy: 1, rejectedAt: "2026-11-21T08:00:00Z" },
    });
    renderWithApi(<TaskList chores={[waiting, rejected]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing" now={now} />, {
      routes: {},
    });
    const bins = screen.getByRole("article", { name: "Bins" });
    expect(bins).toHaveTextContent("Needs approval");
    expect(within(bins).getByText("Waiting for approval")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Done: Bins" })).not.toBeInTheDocument();
    expect(screen.getByRole("article", { name: "Dishes" })).toHaveTextContent(
      "Not approved by Sam (Nov 21, 2026, 9:00 AM): “Still sticky”",
    );
    expect(screen.getByRole("button", { name: "Done: Dishes" })).toBeInTheDocument();
  });

  it("says so when there is nothing to do", () => {
    renderWithApi(<TaskList chores={[]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing to do." now={now} />, { routes: {} });
    expect(screen.getByText("Nothing to do.")).toBeInTheDocument();
  });
});
