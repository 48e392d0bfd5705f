import { ChorusApiError, type CreateChoreRequest } from "@chorus/shared";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore, makeMember } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { ChoreForm } from "./chore-form";

const members = [makeMember({ userId: 1, displayName: "Sam", role: "admin" }), makeMember({ userId: 2, displayName: "Alex" })];

function renderForm(
  onSubmit: (request: CreateChoreRequest) => Promise<unknown>,
  chore = null as Parameters<typeof ChoreForm>[0]["chore"],
  canSetPenalty = false,
) {
  return renderWithApi(
    <ChoreForm
      chore={chore}
      members={members}
      timeZone="Europe/Berlin"
      defaultAssignee={1}
      submitLabel="Create chore"
      canSetPenalty={canSetPenalty}
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />,
    { routes: {} },
  );
}

describe("ChoreForm", () => {
  it("shows the API's validation_failed field errors next to their fields", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn().mockRejectedValue(
      new ChorusApiError(400, "validation_failed", "Some fields are invalid", {
        fields: {
          name: "A chore with this name already exists",
          "frequency.dayOfMonth": "Day of month is 1-31",
          "labels.1": "Labels must be at most 32 characters",
          somethingElse: "Odd",
        },
      }),
    );
    renderForm(onSubmit);

    await user.type(screen.getByLabelText("Name"), "Dishes");
    await user.selectOptions(screen.getByLabelText("Repeats"), "monthly");
    await user.clear(screen.getByLabelText("Day of the month"));
    await user.type(screen.getByLabelText("Day of the month"), "15");
    await user.type(screen.getByLabelText("Labels"), "kitchen, sink");
    await user.click(screen.getByRole("button", { name: "Create chore" }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    const name = screen.getByLabelText("Name");
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription("A chore with this name already exists");
    expect(screen.getByLabelText("Day of the month")).toHaveAccessibleDescription(/Day of month is 1-31/);
    expect(screen.getByLabelText("Labels")).toHaveAccessibleDescription(/Labels must be at most 32 characters/);
    const summary = screen.getByText("Please fix the 4 highlighted problems.").parentElement;
    expect(summary).toHaveAttribute("role", "alert");
    expect(summary).toHaveTextContent("somethingElse: Odd");
    expect(summary).toHaveFocus();
  });

  it("checks with the shared schema before sending", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn();
    renderForm(onSubmit);
    await user.type(screen.getByLabelText("Name"), "   ");
    await user.selectOptions(screen.getByLabelText("Repeats"), "weekly");
    await user.click(screen.getByRole("button", { name: "Create chore" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Name cannot be blank");
    expect(screen.getByText("Pick at least one weekday")).toBeInTheDocument();
  });

  it("builds the request: weekly days, due date in the circle's zone, assignees, labels", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    renderForm(onSubmit);
    await user.type(screen.getByLabelText("Name"), "Bins");
    await user.selectOptions(screen.getByLabelText("Repeats"), "weekly");
    await user.click(screen.getByLabelText("Monday"));
    await user.click(screen.getByLabelText("Thursday"));
    await user.click(screen.getByLabelText("counted from when it was done"));
    await user.type(screen.getByLabelText("Due"), "2026-07-01T18:30");
    await user.click(screen.getByLabelText("Alex"));
    await user.selectOptions(screen.getByLabelText("After each completion, assign"), "round_robin");
    await user.clear(screen.getByLabelText("Points"));
    await user.type(screen.getByLabelText("Points"), "3");
    await user.selectOptions(screen.getByLabelText("Priority"), "2");
    await user.type(screen.getByLabelText("Labels"), "outside, weekly");
    await user.click(screen.getByLabelText(/Private/));
    await user.click(screen.getByLabelText(/Photo proof/));
    await user.click(screen.getByLabelText(/Needs approval/));
    await user.click(screen.getByRole("button", { name: "Create chore" }));

    expect(onSubmit).toHaveBeenCalledWith({
      name: "Bins",
      description: "",
      frequency: { type: "weekly", weekdays: [1, 4] },
      scheduleMode: "rolling",
      nextDueDate: "2026-07-01T18:30:00+02:00",
      completionWindowMinutes: null,
      assignees: [1, 2],
      assignmentStrategy: "round_robin",
      assignmentMode: "rotation",
      onlyAssigneeCompletes: false,
      points: 3,
      priority: 2,
      labels: ["outside", "weekly"],
      isPrivate: true,
      photoRequired: true,
      needsApproval: true,
      activeMonths: null,
      checklist: [],
      checklistRequired: false,
    });
  });

  it("edits an interval chore with its current values filled in", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    renderForm(
      onSubmit,
      makeChore({
        name: "Filter",
        frequency: { type: "interval", every: 3, unit: "months" },
        nextDueDate: "2026-01-10T09:00:00Z",
        assignees: [2],
        assignedTo: 2,
      }),
    );
    expect(screen.getByLabelText("Every")).toHaveValue(3);
    expect(screen.getByLabelText("Unit")).toHaveValue("months");
    expect(screen.getByLabelText("Due")).toHaveValue("2026-01-10T10:00");
    await user.click(screen.getByRole("button", { name: "Create chore" }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        frequency: { type: "interval", every: 3, unit: "months" },
        assignedTo: 2,
        nextDueDate: "2026-01-10T10:00:00+01:00",
      }),
    );
  });

  describe("mandatory chores (decision 0028)", () => {
    it("sends the penalty and the grace period in minutes, checked by the shared schema first", async () => {
      const user = userEvent.setup();
      const onSubmit = jest.fn().mockResolvedValue(undefined);
      renderForm(onSubmit, null, true);
      await user.type(screen.getByLabelText("Name"), "Homework");
      expect(screen.queryByLabelText("Penalty")).not.toBeInTheDocument();
      await user.click(screen.getByLabelText(/^Mandatory/));
      await user.clear(screen.getByLabelText("Penalty"));
      await user.type(screen.getByLabelText("Penalty"), "1001");
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit).not.toHaveBeenCalled();
      expect(screen.getByLabelText("Penalty")).toHaveAccessibleDescription(/Penalty must be 1-1000/);

      await user.clear(screen.getByLabelText("Penalty"));
      await user.type(screen.getByLabelText("Penalty"), "3");
      await user.clear(screen.getByLabelText("Grace period"));
      await user.type(screen.getByLabelText("Grace period"), "2");
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: "Homework", penalty: { points: 3, graceMinutes: 120 } }));

      await user.selectOptions(screen.getByLabelText("Grace unit"), "minutes");
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ penalty: { points: 3, graceMinutes: 2 } }));
    });

    it("fills in a chore's penalty, and unticking sends none", async () => {
      const user = userEvent.setup();
      const onSubmit = jest.fn().mockResolvedValue(undefined);
      renderForm(onSubmit, makeChore({ penalty: { points: 4, graceMinutes: 90 } }), true);
      expect(screen.getByLabelText("Penalty")).toHaveValue(4);
      expect(screen.getByLabelText("Grace period")).toHaveValue(90);
      expect(screen.getByLabelText("Grace unit")).toHaveValue("minutes");
      await user.click(screen.getByLabelText(/^Mandatory/));
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ penalty: null }));
    });

    it("is not offered to members, and their edits leave the penalty alone", async () => {
      const user = userEvent.setup();
      const onSubmit = jest.fn().mockResolvedValue(undefined);
      renderForm(onSubmit, makeChore({ penalty: { points: 4, graceMinutes: 60 } }));
      expect(screen.queryByLabelText(/^Mandatory/)).not.toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty("penalty");
    });
  });

  describe("completion window (decision 0031)", () => {
    it("sends it in minutes, none when empty, checked by the shared schema first", async () => {
      const user = userEvent.setup();
      const onSubmit = jest.fn().mockResolvedValue(undefined);
      renderForm(onSubmit);
      await user.type(screen.getByLabelText("Name"), "Bins");
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ completionWindowMinutes: null }));

      await user.type(screen.getByLabelText("Done within"), "32");
      await user.selectOptions(screen.getByLabelText("Window unit"), "days");
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit).toHaveBeenCalledTimes(1);
      expect(screen.getByLabelText("Done within")).toHaveAccessibleDescription(/at most 31 days/);

      await user.clear(screen.getByLabelText("Done within"));
      await user.type(screen.getByLabelText("Done within"), "2");
      await user.click(screen.getByRole("button", { name: "Create chore" }));
      expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ completionWindowMinutes: 2880 }));
    });

    it("fills in a chore's window, in days when whole days", async () => {
      renderForm(jest.fn(), makeChore({ completionWindowMinutes: 3 * 24 * 60 }));
      expect(screen.getByLabelText("Done within")).toHaveValue(3);
      expect(screen.getByLabelText("Window unit")).toHaveValue("days");
    });
  });
});

describe("seasonal chores in the form", () => {
  it("sends the checked months, ascending, and offers them only for a repeating chore", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    renderForm(onSubmit);
    await user.type(screen.getByLabelText("Name"), "Mow the lawn");
    expect(screen.queryByLabelText(/Seasonal/)).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Repeats"), "daily");
    await user.click(screen.getByLabelText(/Seasonal/));
    const months = screen.getByRole("group", { name: "Active in" });
    expect(months).toHaveAccessibleDescription(/not due/);
    for (const month of ["October", "April", "May"]) await user.click(screen.getByLabelText(month));
    await user.click(screen.getByRole("button", { name: "Create chore" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ activeMonths: [4, 5, 10] }));
  });

  it("refuses a season with no month before sending, next to the months", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn();
    renderForm(onSubmit);
    await user.type(screen.getByLabelText("Name"), "Mow the lawn");
    await user.selectOptions(screen.getByLabelText("Repeats"), "daily");
    await user.click(screen.getByLabelText(/Seasonal/));
    await user.click(screen.getByRole("button", { name: "Create chore" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("group", { name: "Active in" })).toHaveAccessibleDescription(/Pick at least one month/);
  });

  it("edits a seasonal chore with its months checked; unchecking Seasonal makes it all year", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    renderForm(onSubmit, makeChore({ frequency: { type: "daily" }, activeMonths: [4, 5, 6, 7, 8, 9, 10] }));
    expect(screen.getByLabelText(/Seasonal/)).toBeChecked();
    expect(screen.getByLabelText("April")).toBeChecked();
    expect(screen.getByLabelText("March")).not.toBeChecked();
    await user.click(screen.getByLabelText(/Seasonal/));
    await user.click(screen.getByRole("button", { name: "Create chore" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ activeMonths: null }));
  });
});
