import type { CreateChoreRequest } from "@chorus/shared";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore, makeMember } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { ChoreChecklist } from "./chore-checklist";
import { ChoreForm } from "./chore-form";

const tick = { tickedBy: 2, performedAs: 2, tickedAt: "2026-12-01T08:00:00.000Z" };
const chore = makeChore({
  id: 4,
  name: "Dishes",
  checklist: [
    { id: 7, text: "Clear the table", tick },
    { id: 8, text: "Load the dishwasher", tick: null },
  ],
});

describe("the checklist editor in the chore form", () => {
  it("adds, moves and removes steps with buttons, keeping the ids of the chore's items", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn<Promise<unknown>, [CreateChoreRequest]>().mockResolvedValue(undefined);
    renderWithApi(
      <ChoreForm
        chore={chore}
        members={[makeMember({ userId: 1, displayName: "Sam", role: "admin" })]}
        timeZone="Europe/Berlin"
        defaultAssignee={1}
        submitLabel="Save"
        canSetPenalty={false}
        onSubmit={onSubmit}
        onCancel={() => undefined}
      />,
      { routes: {} },
    );
    expect(screen.getByLabelText("Step 1")).toHaveValue("Clear the table");
    expect(screen.getByRole("button", { name: "Move step 1 up" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Add step" }));
    await user.type(screen.getByLabelText("Step 3"), "Wipe the counter");
    await user.click(screen.getByRole("button", { name: "Move step 3 up" }));
    await user.click(screen.getByRole("button", { name: "Remove step 1" }));
    expect(screen.getByRole("button", { name: "Move step 2 down" })).toBeDisabled();
    await user.click(screen.getByLabelText("All steps ticked before Done"));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      checklist: [{ text: "Wipe the counter" }, { id: 8, text: "Load the dishwasher" }],
      checklistRequired: true,
    });
  });

  it("shows a blank step's error at the step and sends nothing", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    renderWithApi(
      <ChoreForm
        chore={null}
        members={[makeMember({ userId: 1, displayName: "Sam", role: "admin" })]}
        timeZone="Europe/Berlin"
        defaultAssignee={1}
        submitLabel="Create chore"
        canSetPenalty={false}
        onSubmit={onSubmit}
        onCancel={() => undefined}
      />,
      { routes: {} },
    );
    await user.type(screen.getByLabelText("Name"), "Dishes");
    await user.click(screen.getByRole("button", { name: "Add step" }));
    await user.click(screen.getByRole("button", { name: "Create chore" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Step 1")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getAllByText("Checklist items cannot be blank").length).toBeGreaterThan(0);
  });
});

describe("ChoreChecklist", () => {
  it("shows the progress and ticks or unticks an item", async () => {
    const user = userEvent.setup();
    const onToggle = jest.fn();
    render(<ChoreChecklist chore={chore} onToggle={onToggle} disabled={false} variant="card" />);
    await user.click(screen.getByText(/Checklist/));
    expect(screen.getByText("1/2")).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Clear the table" })).toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: "Load the dishwasher" }));
    expect(onToggle).toHaveBeenCalledWith(chore.checklist[1], true);
    await user.click(screen.getByRole("checkbox", { name: "Clear the table" }));
    expect(onToggle).toHaveBeenLastCalledWith(chore.checklist[0], false);
  });

  it("shows the items without offering them to someone who may not tick, and nothing without a checklist", () => {
    const { container, rerender } = render(<ChoreChecklist chore={chore} onToggle={null} disabled={false} variant="tablet" />);
    expect(screen.getByRole("group", { name: "Checklist: Dishes" })).toHaveTextContent("1/2");
    expect(screen.getByRole("checkbox", { name: "Load the dishwasher" })).toBeDisabled();
    rerender(<ChoreChecklist chore={makeChore({ checklist: [] })} onToggle={null} disabled={false} variant="tablet" />);
    expect(container).toBeEmptyDOMElement();
  });
});
