import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore } from "../../../testing/fixtures";
import { apiError, ok, renderWithApi } from "../../../testing/fake-api";
import { ChoreActions } from "./chore-actions";

describe("ChoreActions", () => {
  it("completes the occurrence the user saw, with the note, as the member being viewed as", async () => {
    const user = userEvent.setup();
    const chore = makeChore({ nextDueDate: "2026-11-21T17:00:00Z" });
    const { requests } = renderWithApi(<ChoreActions chore={chore} />, {
      routes: { "POST /chores/1/do": () => ok({ ...chore, nextDueDate: "2026-11-22T17:00:00Z" }) },
      actingAs: 2,
    });
    await user.click(screen.getByRole("button", { name: "Add note" }));
    await user.type(screen.getByLabelText("Note for Done or Skip (optional)"), "Sparkling");
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    expect(await screen.findByText("“Dishes” done.")).toBeInTheDocument();
    const request = requests.find((candidate) => candidate.path === "/chores/1/do");
    expect(request?.body).toEqual({ dueDate: "2026-11-21T17:00:00Z", note: "Sparkling" });
    expect(request?.headers["x-impersonate-user-id"]).toBe("2");
  });

  it("says someone already completed it on 409 stale_occurrence", async () => {
    const user = userEvent.setup();
    renderWithApi(<ChoreActions chore={makeChore({ nextDueDate: "2026-11-21T17:00:00Z" })} />, {
      routes: { "POST /chores/1/do": () => apiError(409, "stale_occurrence", "That occurrence was already completed") },
    });
    await user.click(screen.getByRole("button", { name: "Done: Dishes" }));
    expect(await screen.findByText(/Someone already completed this/)).toHaveAttribute("role", "alert");
  });

  it("offers Pause while the timer runs and shows its time", async () => {
    const user = userEvent.setup();
    const running = makeChore({ status: "in_progress", timerSeconds: 60, timerRunningSince: new Date(Date.now() - 5000).toISOString() });
    const { requests } = renderWithApi(<ChoreActions chore={running} />, {
      routes: { "PUT /chores/1/pause": () => ok({ ...running, status: "paused", timerSeconds: 65, timerRunningSince: null }) },
    });
    await user.click(screen.getByRole("button", { name: "Pause: Dishes" }));
    expect(await screen.findByText("“Dishes” paused.")).toBeInTheDocument();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toContain("PUT /chores/1/pause");
  });
});
