/** Seasonal chores in the form, on the card's wording (decision 0033). */
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { makeChore, makeMember } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { describeSeason } from "../utils/describe-chore";
import { ChoreForm } from "./chore-form";
import { TaskList } from "./task-list";

const members = [makeMember({ userId: 1, displayName: "Sam", role: "admin" })];

function renderForm(onSubmit: jest.Mock, chore = null as Parameters<typeof ChoreForm>[0]["chore"]) {
  return renderWithApi(
    <ChoreForm
      chore={chore}
      members={members}
      timeZone="Europe/Berlin"
      defaultAssignee={1}
      submitLabel="Save"
      canSetPenalty={false}
      onSubmit={onSubmit}
      onCancel={() => undefined}
    />,
    { routes: {} },
  );
}

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
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ activeMonths: [4, 5, 10] }));
  });

  it("refuses a season with no month before sending, next to the months", async () => {
    const user = userEvent.setup();
    const onSubmit = jest.fn();
    renderForm(onSubmit);
    await user.type(screen.getByLabelText("Name"), "Mow the lawn");
    await user.selectOptions(screen.getByLabelText("Repeats"), "daily");
    await user.click(screen.getByLabelText(/Seasonal/));
    await user.click(screen.getByRole("button", { name: "Save" }));
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
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ activeMonths: null }));
  });
});

it("the card names the season of a repeating chore, not of a one-off one", () => {
  const mow = makeChore({ id: 1, name: "Mow", frequency: { type: "daily" }, activeMonths: [4, 5, 6, 7, 8, 9, 10] });
  const once = makeChore({ id: 2, name: "Paint", frequency: { type: "once" }, activeMonths: [6] });
  renderWithApi(<TaskList chores={[mow, once]} timeZone="Europe/Berlin" nameOf={() => "Sam"} emptyMessage="Nothing" />, { routes: {} });
  expect(screen.getByRole("article", { name: "Mow" })).toHaveTextContent("April–October");
  expect(screen.getByRole("article", { name: "Paint" })).not.toHaveTextContent("June");
});

describe("describeSeason", () => {
  it.each([
    [[4, 5, 6, 7, 8, 9, 10], "April–October"],
    [[1, 2, 11, 12], "November–February"],
    [[6, 8], "June, August"],
    [[7], "July"],
    [[1, 2, 3, 6, 7, 12], "June–July, December–March"],
  ])("%j is %s", (months, text) => {
    expect(describeSeason(months)).toBe(text);
  });
});
