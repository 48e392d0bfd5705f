import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { TaskList } from "./task-list";

const now = new Date("2026-11-21T09:00:00Z");
const timeZone = "Europe/Berlin";
const nameOf = (id: number | null) => ({ 1: "Sam", 2: "Alex", 3: "Kim" })[id ?? 0] ?? `User #${id}`;
const abilities = {
  canAct: true,
  canComplete: true,
  canEdit: false,
  canDelete: false,
  canSkipWhole: false,
  canClaim: false,
  canRelease: false,
};

describe("shared chores in the task list (decision 0035)", () => {
  it("shows an everyone chore's parts: how many are done and who is left", () => {
    const chore = makeChore({
      id: 1,
      name: "Tidy rooms",
      assignees: [1, 2, 3],
      assignedTo: null,
      assignmentMode: "everyone",
      parts: [
        { userId: 1, state: "done" },
        { userId: 2, state: "open" },
        { userId: 3, state: "open" },
      ],
    });
    renderWithApi(<TaskList chores={[chore]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing" now={now} />, { routes: {} });
    const card = screen.getByRole("article", { name: "Tidy rooms" });
    expect(card).toHaveTextContent("For everyone");
    expect(card).toHaveTextContent("1 of 3 done · left: Alex, Kim");
  });

  it("does not count an away member's part among those left to do, and says they are away", () => {
    const chore = makeChore({
      id: 4,
      name: "Tidy rooms",
      assignees: [1, 2, 3],
      assignedTo: null,
      assignmentMode: "everyone",
      parts: [
        { userId: 1, state: "done" },
        { userId: 2, state: "open" },
        { userId: 3, state: "away" },
      ],
    });
    renderWithApi(<TaskList chores={[chore]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing" now={now} />, { routes: {} });
    expect(screen.getByRole("article", { name: "Tidy rooms" })).toHaveTextContent("1 of 2 done · left: Alex · away: Kim");
  });

  it("offers Claim on an open anyone chore and says who claimed it; a lost race says so", async () => {
    const open = makeChore({
      id: 2,
      name: "Walk the dog",
      assignedTo: null,
      assignmentMode: "anyone",
      abilities: { ...abilities, canClaim: true },
    });
    const taken = makeChore({
      id: 3,
      name: "Water plants",
      assignedTo: 3,
      assignmentMode: "anyone",
      abilities: { ...abilities, canRelease: true },
    });
    const { requests } = renderWithApi(
      <TaskList chores={[open, taken]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing" now={now} />,
      {
        routes: {
          "POST /chores/2/claim": () => apiError(409, "already_claimed", "Someone else claimed this chore first", { claimedBy: 3 }),
          "POST /chores/3/release": () => ok({ ...taken, assignedTo: null }),
        },
      },
    );
    expect(screen.getByRole("article", { name: "Walk the dog" })).toHaveTextContent("Open — Claim");
    expect(screen.getByRole("article", { name: "Water plants" })).toHaveTextContent("Claimed by Kim — Release");
    await userEvent.click(screen.getByRole("button", { name: "Claim: Walk the dog" }));
    expect(await screen.findByText("Someone else claimed it first.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Release: Water plants" }));
    await waitFor(() => expect(requests.map(({ method, path }) => `${method} ${path}`)).toContain("POST /chores/3/release"));
  });

  it("offers an admin Skip for everyone on an everyone chore, sending whole: true", async () => {
    const chore = makeChore({
      id: 4,
      name: "Tidy rooms",
      assignees: [1, 2],
      assignedTo: null,
      assignmentMode: "everyone",
      parts: [
        { userId: 1, state: "done" },
        { userId: 2, state: "open" },
      ],
      abilities: { ...abilities, canComplete: false, canSkipWhole: true },
    });
    const { requests } = renderWithApi(<TaskList chores={[chore]} timeZone={timeZone} nameOf={nameOf} emptyMessage="Nothing" now={now} />, {
      routes: { "POST /chores/4/skip": () => ok({ ...chore, parts: chore.assignees.map((userId) => ({ userId, state: "open" })) }) },
    });
    // The admin's own part is done: no Done, no part Skip.
    expect(screen.queryByRole("button", { name: "Done: Tidy rooms" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Skip: Tidy rooms" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Skip for everyone: Tidy rooms" }));
    expect(await screen.findByText("“Tidy rooms” skipped for everyone.")).toBeInTheDocument();
    expect(requests.find(({ path }) => path === "/chores/4/skip")?.body).toMatchObject({ whole: true });
  });
});
