/**
 * One occurrence at a time, Undo, archive and delete, in a real Chromium against the
 * production build (docs/decisions/0007-occurrences-undo-archive.md).
 */
import type { Browser, Page } from "playwright-core";
import { DateTime } from "luxon";
import { launchChromium, newPerson, pageErrors } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";
import { createChore, expectChoreNames, openTasks, person, signUp } from "./support/flows";

let chorus: RunningChorus;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [chorus, browser] = await Promise.all([startChorus(), launchChromium()]);
  page = await (await newPerson(browser, chorus.baseUrl)).newPage();
  await signUp(page, person("robin", "Robin"));
});

afterAll(async () => {
  await browser?.close();
  await chorus?.stop();
  expect(pageErrors).toEqual([]);
});

const berlin = (days: number, hour: number) =>
  DateTime.now().setZone("Europe/Berlin").plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");

test("a chore due later is done unasked; the next one early once confirmed, Undo reverts it; one more ahead says from when", async () => {
  // Made today, due tomorrow evening: current from its creation, as today's dishes are in the morning.
  await createChore(page, { name: "Bins", due: berlin(1, 18), points: 4, frequency: "daily" }, ["Robin"]);
  await openTasks(page);
  const bins = page.getByRole("article", { name: "Bins" });
  const firstDue = await bins.getByText(/^Due /).textContent();

  await bins.getByRole("button", { name: "Done: Bins" }).click();
  await page.getByText("“Bins” done.").waitFor();
  expect(await bins.getByRole("group", { name: "Done early: Bins" }).count()).toBe(0);
  await bins.getByText(/^Due /).filter({ hasNotText: firstDue! }).waitFor();
  const dueText = await bins.getByText(/^Due /).textContent();

  // The occurrence after the one just done is early until that one's due time.
  await bins.getByRole("button", { name: "Done: Bins" }).click();
  await bins.getByRole("group", { name: "Done early: Bins" }).getByRole("button", { name: "Not yet" }).click();
  expect(await bins.getByRole("group", { name: "Done early: Bins" }).count()).toBe(0);

  await bins.getByRole("button", { name: "Done: Bins" }).click();
  await bins.getByRole("button", { name: "Done early" }).click();
  await bins.getByText(/^Due /).filter({ hasNotText: dueText! }).waitFor();

  await page.getByRole("button", { name: "Undo: “Bins” done." }).last().click();
  await page.getByText("“Bins” is back as it was.").waitFor();
  await bins.getByText(dueText!, { exact: true }).waitFor();

  await bins.getByRole("button", { name: "Done: Bins" }).click();
  await bins.getByRole("button", { name: "Done early" }).click();
  await bins.getByText(/^Due /).filter({ hasNotText: dueText! }).waitFor();
  // One ahead already: the chore says from when, and a tap asks nothing and sends nothing.
  await bins.getByText(/^Already done ahead of time\. The next one can be done from /).waitFor();
  await bins.getByRole("button", { name: "Done: Bins" }).click();
  await bins
    .getByRole("alert")
    .filter({ hasText: /^Already done ahead of time/ })
    .waitFor();
  expect(await bins.getByRole("button", { name: "Done early" }).count()).toBe(0);
});

test("a finished one-off chore leaves the list; Undo brings it back", async () => {
  await createChore(page, { name: "Fix the tap", due: berlin(-1, 9) }, ["Robin"]);
  await openTasks(page);
  await page.getByRole("button", { name: "Done: Fix the tap" }).click();
  await page.getByText("“Fix the tap” done.").waitFor();
  await expectChoreNames(page, ["Bins"]);

  await page.getByRole("button", { name: "Undo: “Fix the tap” done." }).click();
  await page.getByText("“Fix the tap” is back as it was.").waitFor();
  await expectChoreNames(page, ["Fix the tap", "Bins"]);

  await page.getByRole("button", { name: "Done: Fix the tap" }).click();
  await page.getByText("“Fix the tap” done.").waitFor();
  await expectChoreNames(page, ["Bins"]);
  await page.getByRole("button", { name: "Archived" }).click();
  await page.getByRole("heading", { level: 1, name: "Archived" }).waitFor();
  await expectChoreNames(page, ["Fix the tap"]);
});

test("archive hides a chore until it is unarchived from the Archived view; delete removes it", async () => {
  await createChore(page, { name: "Clean windows", due: berlin(-2, 10), frequency: "daily" }, ["Robin"]);
  await page.getByRole("button", { name: "Archive…" }).click();
  await page.getByRole("button", { name: "Archive “Clean windows”" }).click();
  await page.getByText("“Clean windows” archived. Find it under “Archived”.").waitFor();
  expect(await page.getByRole("button", { name: "Done: Clean windows" }).count()).toBe(0);

  await openTasks(page);
  await page.getByRole("button", { name: "My tasks" }).click();
  await expectChoreNames(page, ["Bins"]);
  await page.getByRole("button", { name: "Archived" }).click();
  await expectChoreNames(page, ["Fix the tap", "Clean windows"]);
  await page.getByRole("link", { name: "Clean windows" }).click();
  await page.getByRole("button", { name: "Unarchive" }).click();
  await page.getByText("“Clean windows” is back on the task list.").waitFor();
  await openTasks(page);
  await page.getByRole("button", { name: "My tasks" }).click();
  await expectChoreNames(page, ["Clean windows", "Bins"]);

  await page.getByRole("link", { name: "Clean windows" }).click();
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete “Clean windows” and its history" }).click();
  await page.getByText("“Clean windows” deleted.").waitFor();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await expectChoreNames(page, ["Bins"]);
});
