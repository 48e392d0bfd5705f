/** How a seasonal chore's months read on its card (decision 0033); the form's part is in chore-form.test.tsx. */
import { screen } from "@testing-library/react";
import { makeChore } from "../../../testing/fixtures";
import { renderWithApi } from "../../../testing/fake-api";
import { describeSeason } from "../utils/describe-chore";
import { TaskList } from "./task-list";

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
