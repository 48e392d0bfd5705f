import type { HistoryEntry } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeChore, makeCircle, makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { ChoreRoute } from "./chore";

const entry = (id: number): HistoryEntry => ({
  id,
  choreId: 1,
  action: "completed",
  updatedBy: 1,
  performedAs: 1,
  viaDevice: null,
  note: `note ${id}`,
  points: 0,
  dueDate: null,
  createdAt: new Date(Date.UTC(2026, 10, id)).toISOString(),
});

describe("Chore page history", () => {
  it("shows the newest page first and fetches older entries on request", async () => {
    const user = userEvent.setup();
    const { requests } = renderInSignedInShell(<Route path="chores/:choreId" element={<ChoreRoute />} />, {
      path: "/chores/1",
      routes: {
        "GET /users/me": () => ok(makeUser()),
        "GET /circles/current": () => ok(makeCircle()),
        "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam" })] }),
        "GET /chores/1": () => ok(makeChore({ id: 1 })),
        "GET /chores/1/history": (request) =>
          request.query.get("before") === "older"
            ? ok({ history: [entry(2), entry(1)], nextCursor: null })
            : ok({ history: [entry(4), entry(3)], nextCursor: "older" }),
      },
    });

    const section = await screen.findByRole("region", { name: "History" });
    expect(await within(section).findByText("“note 4”")).toBeInTheDocument();
    expect(within(section).queryByText("“note 2”")).not.toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Show older entries" }));
    expect(await within(section).findByText("“note 1”")).toBeInTheDocument();
    expect(within(section).getAllByRole("listitem")).toHaveLength(4);
    expect(within(section).queryByRole("button", { name: "Show older entries" })).not.toBeInTheDocument();
    expect(requests.filter((request) => request.path === "/chores/1/history").map((request) => request.query.get("before"))).toEqual([
      null,
      "older",
    ]);
  });
});
