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
  approvedBy: null,
  note: `note ${id}`,
  points: 0,
  dueDate: null,
  createdAt: new Date(Date.UTC(2026, 10, id)).toISOString(),
  photo: null,
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

describe("Chore page archive and delete", () => {
  const shellRoutes = (chore: ReturnType<typeof makeChore>, role: "admin" | "member" = "admin") => ({
    "GET /users/me": () => ok(makeUser({ id: role === "admin" ? 1 : 2, role })),
    "GET /circles/current": () => ok(makeCircle()),
    "GET /circles/current/members": () =>
      ok({ members: [makeMember({ userId: 1, displayName: "Sam", role: "admin" }), makeMember({ userId: 2, displayName: "Alex" })] }),
    "GET /chores/1": () => ok(chore),
    "GET /chores/1/history": () => ok({ history: [], nextCursor: null }),
    "GET /chores": () => ok({ chores: [] }),
  });
  const pages = (
    <>
      <Route index element={<p>Task list</p>} />
      <Route path="chores/:choreId" element={<ChoreRoute />} />
    </>
  );

  it("archives after a confirmation, then offers Unarchive", async () => {
    const user = userEvent.setup();
    let stored = makeChore({ id: 1 });
    const { requests } = renderInSignedInShell(pages, {
      path: "/chores/1",
      routes: {
        ...shellRoutes(stored),
        "GET /chores/1": () => ok(stored),
        "PUT /chores/1": (request) => {
          stored = { ...stored, ...(request.body as object) };
          return ok(stored);
        },
      },
    });
    const manage = await screen.findByRole("group", { name: "Archive or delete" });
    await user.click(within(manage).getByRole("button", { name: "Archive…" }));
    expect(requests.some((request) => request.method === "PUT")).toBe(false);
    await user.click(within(manage).getByRole("button", { name: "Archive “Dishes”" }));
    expect(await screen.findByText("“Dishes” archived. Find it under “Archived”.")).toBeInTheDocument();
    expect(requests.find((request) => request.method === "PUT")?.body).toEqual({ archived: true });
    // Archived chores cannot be done, so their actions go away.
    expect(screen.queryByRole("button", { name: "Done: Dishes" })).not.toBeInTheDocument();
    await user.click(await within(manage).findByRole("button", { name: "Unarchive" }));
    expect(await screen.findByText("“Dishes” is back on the task list.")).toBeInTheDocument();
    expect(requests.filter((request) => request.method === "PUT").map((request) => request.body)).toEqual([
      { archived: true },
      { archived: false },
    ]);
  });

  it("deletes after a confirmation and goes back to the tasks", async () => {
    const user = userEvent.setup();
    const { requests } = renderInSignedInShell(pages, {
      path: "/chores/1",
      routes: { ...shellRoutes(makeChore({ id: 1 })), "DELETE /chores/1": () => ({ status: 204 }) },
    });
    await user.click(await screen.findByRole("button", { name: "Delete…" }));
    await user.click(screen.getByRole("button", { name: "Delete “Dishes” and its history" }));
    expect(await screen.findByText("Task list")).toBeInTheDocument();
    expect(screen.getByText("“Dishes” deleted.")).toBeInTheDocument();
    expect(requests.filter((request) => request.method === "DELETE").map((request) => request.path)).toEqual(["/chores/1"]);
  });

  it("offers neither to a member who did not create the chore", async () => {
    renderInSignedInShell(pages, {
      path: "/chores/1",
      routes: shellRoutes(
        makeChore({
          id: 1,
          createdBy: 1,
          abilities: {
            canAct: true,
            canComplete: true,
            canEdit: false,
            canDelete: false,
            canSkipWhole: false,
            canClaim: false,
            canRelease: false,
          },
        }),
        "member",
      ),
    });
    expect(await screen.findByRole("button", { name: "Done: Dishes" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Archive or delete" })).not.toBeInTheDocument();
  });
});

describe("Chore page for a mandatory chore (decision 0028)", () => {
  it("says what missing it costs, and says nothing for other chores", async () => {
    const routes = (penalty: ReturnType<typeof makeChore>["penalty"]) => ({
      "GET /users/me": () => ok(makeUser()),
      "GET /circles/current": () => ok(makeCircle()),
      "GET /circles/current/members": () => ok({ members: [makeMember({ userId: 1, displayName: "Sam" })] }),
      "GET /chores/1": () => ok(makeChore({ id: 1, penalty })),
      "GET /chores/1/history": () => ok({ history: [], nextCursor: null }),
    });
    const page = renderInSignedInShell(<Route path="chores/:choreId" element={<ChoreRoute />} />, {
      path: "/chores/1",
      routes: routes({ points: 5, graceMinutes: 120 }),
    });
    const details = await screen.findByRole("region", { name: "Details" });
    expect(await within(details).findByText("−5 points if not done or skipped within 2 hours of its due time")).toBeInTheDocument();
    page.unmount();

    renderInSignedInShell(<Route path="chores/:choreId" element={<ChoreRoute />} />, { path: "/chores/1", routes: routes(null) });
    const plain = await screen.findByRole("region", { name: "Details" });
    await within(plain).findByText("Points");
    expect(within(plain).queryByText("Mandatory")).not.toBeInTheDocument();
  });
});

describe("Chore page of a shared chore (decision 0035)", () => {
  it("says how it is shared, who completes it, and offers Claim from the server's abilities", async () => {
    const chore = makeChore({
      id: 1,
      assignees: [1, 2],
      assignedTo: null,
      assignmentMode: "anyone",
      onlyAssigneeCompletes: true,
      abilities: {
        canAct: true,
        canComplete: true,
        canEdit: true,
        canDelete: true,
        canSkipWhole: false,
        canClaim: true,
        canRelease: false,
      },
    });
    renderInSignedInShell(<Route path="chores/:choreId" element={<ChoreRoute />} />, {
      path: "/chores/1",
      routes: {
        "GET /users/me": () => ok(makeUser()),
        "GET /circles/current": () => ok(makeCircle()),
        "GET /circles/current/members": () =>
          ok({ members: [makeMember({ userId: 1, displayName: "Sam" }), makeMember({ userId: 2, displayName: "Alex" })] }),
        "GET /chores/1": () => ok(chore),
        "GET /chores/1/history": () => ok({ history: [], nextCursor: null }),
      },
    });
    const details = await screen.findByRole("region", { name: "Details" });
    expect(await within(details).findByText("Anyone: open to all assignees; the first to claim or do it has it")).toBeInTheDocument();
    expect(within(details).getByText("Only whoever claimed it")).toBeInTheDocument();
    expect(within(details).queryByText("Next assignee")).not.toBeInTheDocument();
    expect(within(details).getByRole("button", { name: "Claim: Dishes" })).toBeInTheDocument();
  });
});
