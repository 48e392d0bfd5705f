import type { Browser } from "playwright-core";
import { DateTime } from "luxon";
import { launchChromium, newPerson, pageErrors, saveScreenshot } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";
import { createChore, navLink, person, signUp, expectChoreNames } from "./support/flows";

let chorus: RunningChorus;
let browser: Browser;

beforeAll(async () => {
  [chorus, browser] = await Promise.all([startChorus(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await chorus?.stop();
  expect(pageErrors).toEqual([]);
});

test("a new member signs up, creates a task and completes it", async () => {
  const context = await newPerson(browser, chorus.baseUrl);
  const page = await context.newPage();
  const jamie = person("jamie", "Jamie");

  await page.goto("/");
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await saveScreenshot(page, "sign-in");

  await signUp(page, jamie);
  await page.getByText("Nothing to do. Enjoy!").waitFor();

  const tomorrowEvening = DateTime.now()
    .setZone("Europe/Berlin")
    .plus({ days: 1 })
    .set({ hour: 18, minute: 0 })
    .toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(page, { name: "Water the plants", due: tomorrowEvening, points: 3, frequency: "daily" }, ["Jamie"]);
  await page.getByRole("link", { name: "Back to tasks" }).click();
  await expectChoreNames(page, ["Water the plants"]);
  await page.getByRole("region", { name: /Upcoming/ }).waitFor();

  // Due tomorrow, made today: its first occurrence is current, so Done needs no confirmation (decision 0007).
  await page.getByRole("button", { name: "Done: Water the plants" }).click();
  await page.getByText("“Water the plants” done.").waitFor();

  await page.getByRole("link", { name: "Water the plants" }).click();
  await page.getByText("Done by Jamie", { exact: true }).waitFor();
  expect(await page.getByText(/for Jamie/).count()).toBe(0);

  await navLink(page, "Circle").click();
  const leaderboard = page.getByRole("region", { name: "Points" });
  await leaderboard.getByText("3 points").waitFor();
  await context.close();
});
