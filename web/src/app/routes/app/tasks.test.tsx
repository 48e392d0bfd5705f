import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route } from "react-router";
import { makeChore, makeCircle, makeMember, makeUser } from "../../../testing/fixtures";
import { ok } from "../../../testing/fake-api";
import { renderInSignedInShell } from "../../../testing/signed-in-shell";
import { TasksRoute } from "./tasks";

const active = makeChore({ id: 1, name: "Dishes", nextDueDate: "2026-11-21T17:00:00Z" });
const finished = makeChore({ id: 2, name: "Oven", frequency: { type: "once" }, finishedAt: "2026-11-19T10:00:00Z" });
const archived = makeChore({ id: 3, name: "Old plants", archived: true });

describe("Tasks page", () => {
  it("leaves finished one-off chores out, and lists them with archived chores under Archived", async () => {
    const user = userEvent.setup();
    const { requests } = renderInSignedInShell(<Route index element={<TasksRoute />} />, {
      path: "/",
      routes: {
        "GET /users/me": () => ok(makeUser()),
        "GET /circles/current": () => ok(makeCircle()),
        "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam", role: "admin" })] }),
        "GET /chores": (request) =>
          ok({ chores: request.query.get("includeArchived") === "true" ? [active, finished, archived] : [active, finished] }),
      },
    });
    expect(await screen.findByRole("article", { name: "Dishes" })).toBeInTheDocument();
    expect(screen.queryByRole("article", { name: "Oven" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Archived" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Archived" })).toBeInTheDocument();
    const archivedGroup = await screen.findByRole("region", { name: "Archived (1)" });
    expect(within(archivedGroup).getByRole("article", { name: "Old plants" })).toHaveTextContent("Archived");
    expect(within(screen.getByRole("region", { name: "Done (1)" })).getByRole("article", { name: "Oven" })).toBeInTheDocument();
    expect(screen.queryByRole("article", { name: "Dishes" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Done:/ })).not.toBeInTheDocument();
    expect(requests.some((request) => request.path === "/chores" && request.query.get("includeArchived") === "true")).toBe(true);
  });
});
