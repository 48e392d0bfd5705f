/**
 * Checklists in a real Chromium (decision 0032): an admin gives a child's daily chore three
 * steps in the chore form (added and reordered with buttons, all needed before Done), ticks
 * one in the task list ("1/3"), and the child ticks the rest on the kitchen tablet at
 * 1024×768 with 44 px targets; Done is refused until then, and the next occurrence starts
 * unticked. Screenshots at desktop, phone and tablet sizes.
 */
import type { Locator, Page } from "playwright-core";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { navLink, openTasks, person, signUp } from "./support/flows";

const STEPS = ["Make the bed", "Toys in the box", "Clothes in the basket"];

const { browserFor } = chorusSuite();
let samPage: Page;
let tabletPage: Page;
let deviceToken = "";

beforeAll(async () => {
  [samPage, tabletPage] = await Promise.all([browserFor(), browserFor()]);
  await samPage.setViewportSize(DESKTOP);
  await tabletPage.setViewportSize(TABLET);
});

const heightOf = async (locator: Locator) => (await locator.boundingBox())!.height;

test("an admin adds a child, a kitchen tablet and a daily chore with a three-step checklist", async () => {
  await signUp(samPage, person("sam", "Sam"));
  await navLink(samPage, "Circle").click();
  const addChild = samPage.getByRole("form", { name: "Add a child" });
  await addChild.getByLabel("Display name").fill("Alex");
  await addChild.getByLabel("Username").fill("alex");
  await addChild.getByLabel("PIN (optional)").fill("2468");
  await addChild.getByRole("button", { name: "Add child" }).click();
  await samPage.getByText("Alex joined the circle. They sign in as “alex”.").waitFor();
  await samPage.getByLabel("Tablet name").fill("Kitchen tablet");
  await samPage.getByRole("button", { name: "Add tablet" }).click();
  deviceToken = (await samPage.getByTestId("new-device-token").textContent())!.trim();
  await samPage.getByRole("status", { name: "New tablet token" }).getByRole("button", { name: "Done" }).click();

  await navLink(samPage, "Tasks").click();
  await samPage.getByRole("link", { name: "New chore" }).click();
  await samPage.getByLabel("Name").fill("Tidy the room");
  await samPage.getByLabel("Repeats").selectOption("daily");
  await samPage.getByRole("checkbox", { name: "Alex", exact: true }).check();
  await samPage.getByRole("checkbox", { name: "Sam", exact: true }).uncheck();
  // Typed out of order, then put right with the buttons.
  for (const [index, text] of [STEPS[0], STEPS[2], STEPS[1]].entries()) {
    await samPage.getByRole("button", { name: "Add step" }).click();
    await samPage.getByLabel(`Step ${index + 1}`, { exact: true }).fill(text!);
  }
  await samPage.getByRole("button", { name: "Move step 3 up" }).click();
  for (const [index, text] of STEPS.entries())
    expect(await samPage.getByLabel(`Step ${index + 1}`, { exact: true }).inputValue()).toBe(text);
  // The step buttons are real touch targets, on the desktop too.
  expect(await heightOf(samPage.getByRole("button", { name: "Remove step 2" }))).toBeGreaterThanOrEqual(44);
  await samPage.getByLabel("All steps ticked before Done").check();
  await saveScreenshot(samPage, "checklists-form-desktop");
  await samPage.getByRole("button", { name: "Create chore" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Tidy the room" }).waitFor();
});

test("the task list shows the progress; the admin ticks a step and it reads 1/3", async () => {
  await openTasks(samPage);
  await samPage.getByRole("button", { name: "All tasks" }).click();
  const card = samPage.getByRole("article", { name: "Tidy the room" });
  const summary = card.getByText(/^Checklist/);
  await card.locator(".checklist__count", { hasText: "0/3" }).waitFor();
  await summary.click();
  // Controlled by the server's answer: the box shows ticked once the tick is stored.
  await card.getByRole("checkbox", { name: STEPS[0] }).click();
  await card.locator(".checklist__count", { hasText: "1/3" }).waitFor();
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "checklists-tasks-desktop");

  await samPage.setViewportSize(PHONE);
  await card.getByRole("checkbox", { name: STEPS[1] }).waitFor();
  expect(await heightOf(card.locator(".checklist__item").first())).toBeGreaterThanOrEqual(44);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "checklists-tasks-phone");
  await samPage.setViewportSize(DESKTOP);
});

test("on the tablet Alex cannot finish before ticking every step, ticks them with big targets, and the next day starts over", async () => {
  await tabletPage.goto(`/tablet#token=${deviceToken}`);
  await tabletPage.getByRole("list", { name: "Who are you?" }).getByRole("button", { name: "Alex" }).click();
  const pad = tabletPage.getByRole("form", { name: "PIN for Alex" });
  for (const digit of "2468") await pad.getByRole("button", { name: digit, exact: true }).click();
  await pad.getByRole("button", { name: "OK" }).click();

  const checklist = tabletPage.getByRole("group", { name: "Checklist: Tidy the room" });
  await checklist.getByText("1/3").waitFor();
  expect(await tabletPage.getByRole("checkbox", { name: STEPS[0] }).isChecked()).toBe(true);
  await tabletPage.getByRole("button", { name: "Done: Tidy the room" }).click();
  await tabletPage.getByText(/Tick every checklist item first: 2 not ticked yet/).waitFor();

  for (const step of STEPS.slice(1)) {
    const row = checklist.locator(".checklist__item", { hasText: step });
    expect(await heightOf(row)).toBeGreaterThanOrEqual(44);
    expect((await row.boundingBox())!.width).toBeGreaterThanOrEqual(44);
    await row.click();
    await tabletPage.getByRole("checkbox", { name: step, checked: true }).waitFor();
  }
  await checklist.getByText("3/3").waitFor();
  expect(await heightOf(tabletPage.getByRole("button", { name: "Done: Tidy the room" }))).toBeGreaterThanOrEqual(44);
  expect(await overflowsSideways(tabletPage)).toBe(false);
  await saveScreenshot(tabletPage, "checklists-tablet");

  await tabletPage.getByRole("button", { name: "Done: Tidy the room" }).click();
  await tabletPage.getByText("Tidy the room: done!").waitFor();
  // Tomorrow's occurrence is on the list with its steps unticked.
  await checklist.getByText("0/3").waitFor();
});
