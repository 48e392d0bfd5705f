/**
 * The calendar view in a real Chromium (decision 0036): reached from the tasks page (no header
 * link), a week from the circle locale's first day — Sunday for en-US, Monday once an admin sets
 * de-DE — with done and upcoming occurrences, everyone's chores, a month, stepping by keyboard,
 * and the layout users depend on: seven columns on desktop and tablet, a list of days and no
 * sideways scrolling on a phone. Screenshots at desktop, phone and tablet sizes.
 */
import { DateTime } from "luxon";
import type { Page } from "playwright-core";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, createChore, navLink, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();

const week = (page: Page) => page.getByRole("list", { name: "Week" });
const dayHeadings = (page: Page) => week(page).getByRole("heading", { level: 2 }).allTextContents();
/** The range shown has arrived (the previous one stays on screen while the next loads). */
const loaded = (page: Page) => page.locator(".calendar-caption:not(:has-text('Loading'))").waitFor();
const columnBoxes = (page: Page) =>
  week(page)
    .locator(":scope > li")
    .evaluateAll((days) => days.map((day) => day.getBoundingClientRect().toJSON() as DOMRect));

test("a week and a month of occurrences, from the locale's first day, on desktop, phone and tablet", async () => {
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, person("sam", "Sam"));
  await signUp(alexPage, person("alex", "Alex"));
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  const tomorrow = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 });
  const due = tomorrow.toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(samPage, { name: "Water the plants", due, frequency: "daily", assignees: ["Sam"] }, ["Sam", "Alex"]);
  await createChore(samPage, { name: "Feed the cat", due, frequency: "daily", assignees: ["Alex"] }, ["Sam", "Alex"]);
  await navLink(samPage, "Tasks").click();
  await samPage.getByRole("button", { name: "Done: Water the plants" }).click();
  await samPage.getByText("“Water the plants” done.").waitFor();

  // The tasks page's actions, the calendar's way in, fit a phone.
  await samPage.setViewportSize(PHONE);
  expect(await overflowsSideways(samPage)).toBe(false);
  const actions = await Promise.all(
    ["Calendar", "My points", "New chore"].map((name) => samPage.getByRole("link", { name, exact: true }).boundingBox()),
  );
  expect(new Set(actions.map((box) => Math.round(box!.y))).size).toBe(1);
  await saveScreenshot(samPage, "calendar-tasks-link-phone");
  await samPage.setViewportSize(TABLET);
  // From the tasks page; the header keeps its links.
  await samPage.getByRole("link", { name: "Calendar", exact: true }).click();
  await samPage.getByRole("heading", { level: 1, name: "Calendar" }).waitFor();
  expect(await samPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).count()).toBe(0);
  // en-US by default: the week's first column is a Sunday.
  await week(samPage).waitFor();
  expect((await dayHeadings(samPage))[0]).toMatch(/^Sunday/);
  // Tomorrow's week (on a Saturday that is next week's): done early for tomorrow's occurrence; the day after's is ahead.
  await samPage.goto(`/calendar?day=${tomorrow.toISODate()}`);
  await week(samPage).waitFor();
  const done = week(samPage).locator(".calendar-item--done", { hasText: "Water the plants" });
  const ahead = week(samPage).locator(".calendar-item--upcoming", { hasText: "Water the plants" });
  await done.first().getByText("Done").waitFor();
  expect(await done.first().locator(".calendar-item__who").textContent()).toContain("Sam");
  expect(await ahead.count()).toBeGreaterThan(0);
  // Mine only: Alex's chore is not in Sam's calendar, until Everyone is picked.
  expect(await week(samPage).getByText("Feed the cat").count()).toBe(0);
  await samPage.getByLabel("Whose").selectOption("everyone");
  await loaded(samPage);
  await week(samPage).locator(".calendar-item", { hasText: "Feed the cat" }).first().getByText(/Alex/).waitFor();

  await samPage.setViewportSize(DESKTOP);
  const desktopColumns = await columnBoxes(samPage);
  expect(desktopColumns).toHaveLength(7);
  expect(new Set(desktopColumns.map((box) => Math.round(box.y))).size).toBe(1);
  await saveScreenshot(samPage, "calendar-week-desktop");

  // The admin sets de-DE: weeks start on Monday.
  await navLink(samPage, "Settings").click();
  await samPage.getByLabel("Locale").fill("de-DE");
  await samPage.getByText(/start on its first day: Monday/).waitFor();
  await samPage.getByRole("button", { name: "Save settings" }).click();
  await samPage.getByText("Circle settings saved.").waitFor();
  await samPage.goto("/calendar?member=everyone");
  await week(samPage).waitFor();
  await samPage.waitForFunction(() => document.querySelector(".calendar-day__heading")?.textContent?.startsWith("Monday"));
  await loaded(samPage);

  // Stepping by keyboard: Next, then Today.
  const caption = samPage.locator(".calendar-caption");
  const thisWeek = await caption.textContent();
  await samPage.getByRole("button", { name: "Next" }).focus();
  await samPage.keyboard.press("Enter");
  await samPage.waitForFunction((before) => document.querySelector(".calendar-caption")?.textContent !== before, thisWeek);
  await samPage.getByRole("button", { name: "Today" }).focus();
  await samPage.keyboard.press("Enter");
  await samPage.waitForFunction((before) => document.querySelector(".calendar-caption")?.textContent === before, thisWeek);
  await loaded(samPage);

  await samPage.setViewportSize(TABLET);
  const tabletColumns = await columnBoxes(samPage);
  expect(new Set(tabletColumns.map((box) => Math.round(box.y))).size).toBe(1);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "calendar-week-tablet");

  // A phone: the week is a list of days, Monday first, nothing wider than the screen.
  await samPage.setViewportSize(PHONE);
  const phoneDays = await columnBoxes(samPage);
  expect(new Set(phoneDays.map((box) => Math.round(box.x))).size).toBe(1);
  expect(phoneDays.every((box, index) => index === 0 || box.y > phoneDays[index - 1]!.y)).toBe(true);
  expect(phoneDays.every((box) => box.x + box.width <= PHONE.width)).toBe(true);
  expect((await dayHeadings(samPage))[0]).toMatch(/^Monday/);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "calendar-week-phone");

  // The month: a table of weeks from Monday; on a phone still within the width.
  await samPage.getByRole("button", { name: "Month" }).click();
  const month = samPage.getByRole("table");
  await month.waitFor();
  await loaded(samPage);
  expect((await month.getByRole("columnheader").allTextContents())[0]).toMatch(/^Mon/);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "calendar-month-phone");
  await samPage.setViewportSize(DESKTOP);
  await month.getByText("Feed the cat").first().waitFor();
  await saveScreenshot(samPage, "calendar-month-desktop");
  // A day leads to its week.
  await month
    .getByRole("link", { name: /: show the week$/ })
    .nth(10)
    .click();
  await week(samPage).waitFor();
});
