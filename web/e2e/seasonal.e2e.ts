/**
 * Seasonal chores in a real Chromium (decision 0033): an admin makes a daily chore active in
 * seven months that start two months from now; it is first due at the start of that season,
 * the card and the chore page name the season, and the month checkboxes fit a phone.
 * Screenshots of the form, the chore and the task list at desktop, phone and tablet sizes.
 */
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { navLink, openTasks, person, signUp } from "./support/flows";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const { browserFor } = chorusSuite();

test("a seasonal chore waits for its season, and says which months it is in", async () => {
  const page = await browserFor();
  await signUp(page, person("sam", "Sam"));

  // Seven months from two months ahead: never this month, whenever the test runs.
  const now = new Date();
  const first = (now.getMonth() + 2) % 12;
  const season = Array.from({ length: 7 }, (_, i) => (first + i) % 12);
  const label = `${MONTHS[first]}–${MONTHS[season[6]!]}`;
  const startYear = now.getFullYear() + (now.getMonth() + 2 >= 12 ? 1 : 0);

  await page.setViewportSize(PHONE);
  await navLink(page, "Tasks").click();
  await page.getByRole("link", { name: "New chore" }).click();
  await page.getByLabel("Name").fill("Mow the lawn");
  await page.getByLabel("Repeats").selectOption("daily");
  await page.getByLabel(/Seasonal/).check();
  const months = page.getByRole("group", { name: "Active in" });
  for (const month of season) await months.getByRole("checkbox", { name: MONTHS[month], exact: true }).check();
  expect(await overflowsSideways(page)).toBe(false);
  // Twelve checkboxes wrap into rows inside the form, not off its edge.
  const formBox = (await page.locator("form.chore-form").boundingBox())!;
  const december = (await months.getByText("December", { exact: true }).boundingBox())!;
  expect(december.x + december.width).toBeLessThanOrEqual(formBox.x + formBox.width);
  await saveScreenshot(page, "seasonal-form-phone");
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["tablet", TABLET],
  ] as const) {
    await page.setViewportSize(viewport);
    expect(await overflowsSideways(page)).toBe(false);
    await saveScreenshot(page, `seasonal-form-${size}`);
  }
  await page.getByRole("button", { name: "Create chore" }).click();
  await page.getByRole("heading", { level: 1, name: "Mow the lawn" }).waitFor();

  await page.setViewportSize(DESKTOP);
  const details = page.getByRole("region", { name: "Details" });
  await details.getByText(`${label}, not scheduled in the other months`).waitFor();
  const due = await details.locator("dt:text-is('Due') + dd").textContent();
  expect(due).toContain(MONTHS[first]!.slice(0, 3));
  expect(due).toContain(String(startYear));
  await saveScreenshot(page, "seasonal-chore-desktop");
  for (const [size, viewport] of [
    ["phone", PHONE],
    ["tablet", TABLET],
  ] as const) {
    await page.setViewportSize(viewport);
    expect(await overflowsSideways(page)).toBe(false);
    await saveScreenshot(page, `seasonal-chore-${size}`);
  }

  await page.setViewportSize(TABLET);
  await openTasks(page);
  const card = page.getByRole("article", { name: "Mow the lawn" });
  await card.getByText(label, { exact: true }).waitFor();
  expect(await overflowsSideways(page)).toBe(false);
  await saveScreenshot(page, "seasonal-tasks-tablet");
  for (const [size, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await card.getByText(label, { exact: true }).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await saveScreenshot(page, `seasonal-tasks-${size}`);
  }
});
