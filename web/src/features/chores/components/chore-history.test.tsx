import type { HistoryEntry } from "@chorus/shared";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithApi } from "../../../testing/fake-api";
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
    photo: null,
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

describe("ChoreHistory photos", () => {
  it("shows a completion's photo as a thumbnail fetched with the API's headers, and says when it expired", async () => {
    const image = new Blob([new Uint8Array([0xff, 0xd8])], { type: "image/jpeg" });
    const { requests } = renderWithApi(
      <ChoreHistory
        entries={[
          entry({ id: 2, photo: { id: 9, url: "/photos/9", expiredAt: null } }),
          entry({ id: 1, createdAt: "2026-10-01T09:00:00Z", photo: { id: 8, url: null, expiredAt: "2026-10-31T09:00:00Z" } }),
        ]}
        nameOf={nameOf}
        timeZone="Europe/Berlin"
      />,
      { routes: { "GET /photos/9": () => ({ status: 200, blob: image }) } },
    );
    const thumbnail = await screen.findByRole("img", { name: /^Photo from Alex/ });
    expect(thumbnail).toHaveAttribute("src", "data:image/jpeg;base64,/9g=");
    const opener = thumbnail.closest("button")!;
    expect(opener).toHaveAttribute("aria-expanded", "false");
    await userEvent.setup().click(opener);
    expect(opener).toHaveAttribute("aria-expanded", "true");
    expect(requests.find((request) => request.path === "/photos/9")?.headers.authorization).toBe("Bearer test-token");
    expect(screen.getByText("Photo removed after the retention period")).toBeInTheDocument();
    expect(requests.some((request) => request.path === "/photos/8")).toBe(false);
  });

  it("shows a missed occurrence as the member's, with its due date", () => {
    render(
      <ChoreHistory
        entries={[entry({ action: "missed", points: 0, dueDate: "2026-11-20T17:00:00Z", createdAt: "2026-11-21T17:00:00Z" })]}
        nameOf={nameOf}
        timeZone="Europe/Berlin"
      />,
    );
    const item = screen.getByRole("listitem");
    expect(item).toHaveTextContent("Missed by Alex");
    expect(item).toHaveTextContent("for the occurrence due Nov 20, 2026, 6:00 PM");
    expect(item).toHaveClass("history__entry--missed");
  });
});
