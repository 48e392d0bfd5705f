import type { HistoryEntry } from "@chorus/shared";
import { render, screen } from "@testing-library/react";
import { ChoreHistory } from "./chore-history";

const names: Record<number, string> = { 1: "Sam", 2: "Alex" };
const nameOf = (id: number) => names[id] ?? `User #${id}`;

function entry(overrides: Partial<HistoryEntry>): HistoryEntry {
  return {
    id: 1,
    choreId: 1,
    action: "completed",
    updatedBy: 2,
    performedAs: 2,
    viaDevice: null,
    approvedBy: null,
    note: null,
    points: 5,
    dueDate: null,
    createdAt: "2026-11-21T09:00:00Z",
    ...overrides,
  };
}

describe("ChoreHistory", () => {
  it("says who did it for whom when someone acted as another member", () => {
    render(
      <ChoreHistory
        entries={[
          entry({ id: 1, createdAt: "2026-11-20T09:00:00Z" }),
          entry({ id: 2, updatedBy: 1, performedAs: 2, note: "Helped out", createdAt: "2026-11-21T09:00:00Z" }),
          entry({ id: 3, action: "skipped", updatedBy: 7, performedAs: 7, createdAt: "2026-11-19T09:00:00Z" }),
        ]}
        nameOf={nameOf}
        timeZone="Europe/Berlin"
      />,
    );
    const items = screen.getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Done by Sam for Alex");
    expect(items[0]).toHaveTextContent("“Helped out”");
    expect(items[1]).toHaveTextContent("Done by Alex");
    expect(items[1]).not.toHaveTextContent("for Alex");
    expect(items[2]).toHaveTextContent("Skipped by User #7");
  });

  it("says who approved a completion that needed approval", () => {
    render(<ChoreHistory entries={[entry({ approvedBy: 1 })]} nameOf={nameOf} timeZone="Europe/Berlin" />);
    expect(screen.getByRole("listitem")).toHaveTextContent("Done by Alex · +5 pts · approved by Sam");
  });

  it("says which shared tablet an action came through, and for whom", () => {
    render(<ChoreHistory entries={[entry({ viaDevice: { id: 4, name: "Kitchen tablet" } })]} nameOf={nameOf} timeZone="Europe/Berlin" />);
    expect(screen.getByRole("listitem")).toHaveTextContent("Done via Kitchen tablet for Alex");
    expect(screen.getByRole("listitem")).not.toHaveTextContent("by");
  });
});
