/**
 * Statistics in a real Chromium (decision 0029): members complete chores, the admin opens
 * Stats and finds them in the summary, the drawn charts and the tables behind them, then
 * narrows to one member. The page fits a phone without sideways scrolling. Screenshots at
 * desktop, phone and tablet sizes.
 */
import type { Page } from "playwright-core";
import { DateTime } from "luxon";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, createChore, navLink, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();

const statsLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats", exact: true });
/** The summary's figure for `term` ("Completed", "Points"…). */
const figure = (page: Page, term: string) =>
  page
    .getByRole("region", { name: /weeks of/ })
    .locator(`dt:text-is("${term}") + dd`)
    .textContent();

/** Whether Chart.js drew on every canvas: some pixel is not transparent. */
const chartsDrawn = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("canvas")].map((canvas) => {
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      return canvas.width > 0 && data.some((value, index) => index % 4 === 3 && value > 0);
    }),
  );

async function done(page: Page, chore: string) {
  await navLink(page, "Tasks").click();
  await page.getByRole("button", { name: `Done: ${chore}` }).click();
  await page.getByText(`“${chore}” done.`).waitFor();
}

test("completed chores show in the summary, the charts and their tables, for the circle and for one member", async () => {
  const sam = person("sam", "Sam");
  const alex = person("alex", "Alex");
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, sam);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  const tomorrow = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  const everyone = ["Sam", "Alex"];
  await createChore(samPage, { name: "Feed the cat", due: tomorrow, points: 4, frequency: "daily", assignees: ["Alex"] }, everyone);
  await createChore(samPage, { name: "Water the plants", due: tomorrow, points: 2, frequency: "daily", assignees: ["Alex"] }, everyone);
  await createChore(samPage, { name: "Pay the bills", due: tomorrow, points: 5, frequency: "daily", assignees: ["Sam"] }, everyone);
  await done(alexPage, "Feed the cat");
  await done(alexPage, "Water the plants");
  await done(samPage, "Pay the bills");

  await samPage.setViewportSize(DESKTOP);
  await statsLink(samPage).click();
  await samPage.getByRole("heading", { level: 1, name: "Statistics" }).waitFor();
  await samPage.getByRole("region", { name: /^Everyone, weeks of/ }).waitFor();
  expect(await figure(samPage, "Completed")).toBe("3");
  expect(await figure(samPage, "On time")).toBe("3");
  expect(await figure(samPage, "Points")).toBe("11");
  const completions = samPage.getByRole("region", { name: "Completions per week" });
  await completions.getByRole("img", { name: /3 completions in all; most in the week of/ }).waitFor();
  const topChores = samPage.getByRole("region", { name: "Top chores" });
  await topChores.getByText("Most done: Feed the cat (1), Pay the bills (1), Water the plants (1).").waitFor();
  expect(await chartsDrawn(samPage)).toEqual([true, true, true, true]);

  // The numbers behind a chart, this week's row last: Alex 2, Sam 1 (columns by name).
  await completions.getByText("Show the numbers").click();
  const table = completions.getByRole("table", { name: "Completions per week" });
  expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Week of", "Alex", "Sam"]);
  const rows = table.getByRole("row");
  expect(await rows.count()).toBe(9);
  expect(await rows.last().getByRole("cell").allTextContents()).toEqual(["2", "1"]);
  await saveScreenshot(samPage, "statistics-desktop");

  // Two charts side by side on a desktop.
  const first = await completions.boundingBox();
  const second = await samPage.getByRole("region", { name: "Points per week" }).boundingBox();
  expect(second!.x).toBeGreaterThan(first!.x + first!.width - 1);

  // One member.
  await samPage.getByLabel("Member").selectOption({ label: "Alex" });
  await samPage.getByRole("region", { name: /^Alex, weeks of/ }).waitFor();
  expect(await figure(samPage, "Completed")).toBe("2");
  expect(await figure(samPage, "Points")).toBe("6");
  expect(samPage.url()).toContain("member=");
  await topChores.getByText("Most done: Feed the cat (1), Water the plants (1).").waitFor();

  await samPage.setViewportSize(TABLET);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "statistics-tablet");

  // A phone: one column, every chart within the window, nothing to scroll sideways.
  await samPage.setViewportSize(PHONE);
  await samPage.getByLabel("Member").selectOption({ label: "Everyone" });
  await samPage.getByRole("region", { name: /^Everyone, weeks of/ }).waitFor();
  await samPage.getByRole("region", { name: "Points per week" }).getByText("Show the numbers").click();
  expect(await overflowsSideways(samPage)).toBe(false);
  for (const canvas of await samPage.locator("canvas").all()) {
    const box = (await canvas.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await chartsDrawn(samPage)).toEqual([true, true, true, true]);
  await saveScreenshot(samPage, "statistics-phone");

  // The member sees the same page for the circle.
  await statsLink(alexPage).click();
  await alexPage.getByRole("region", { name: /^Everyone, weeks of/ }).waitFor();
  expect(await figure(alexPage, "Completed")).toBe("3");
});
