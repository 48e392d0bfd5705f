import type { Page } from "playwright-core";
import { DateTime } from "luxon";
import { saveScreenshot } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { createChore, navLink, person, signUp } from "./support/flows";

const sam = person("sam", "Sam"); // admin
const everyone = ["Sam", "Alex"];

const suite = chorusSuite();
const { browserFor } = suite;
let samPage: Page;
let tabletPage: Page;
let deviceToken: string;

beforeAll(async () => {
  [samPage, tabletPage] = await Promise.all([browserFor(), browserFor()]);
});

test("an admin adds a child with a PIN, a chore for them, and a kitchen tablet", async () => {
  await signUp(samPage, sam);
  await navLink(samPage, "Circle").click();
  const addChild = samPage.getByRole("form", { name: "Add a child" });
  await addChild.getByLabel("Display name").fill("Alex");
  await addChild.getByLabel("Username").fill("alex");
  await addChild.getByLabel("PIN (optional)").fill("2468");
  await addChild.getByRole("button", { name: "Add child" }).click();
  await samPage.getByText("Alex joined the circle. They sign in as “alex”.").waitFor();
  await samPage.getByText("@alex · child's account").waitFor();
  await saveScreenshot(samPage, "add-child");

  const due = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(samPage, { name: "Feed the cat", due, assignees: ["Alex"], points: 2, frequency: "daily" }, everyone);

  await navLink(samPage, "Circle").click();
  await samPage.getByLabel("Tablet name").fill("Kitchen tablet");
  await samPage.getByRole("button", { name: "Add tablet" }).click();
  deviceToken = (await samPage.getByTestId("new-device-token").textContent())!.trim();
  expect(deviceToken).toMatch(/^chorus_dev_/);
  await samPage.getByRole("img", { name: "QR code that sets up Kitchen tablet" }).waitFor();
  await saveScreenshot(samPage, "tablet-admin");
  await samPage.getByRole("status", { name: "New tablet token" }).getByRole("button", { name: "Done" }).click();
  await samPage.getByRole("list", { name: "Shared tablets" }).getByRole("button", { name: "Revoke… Kitchen tablet" }).waitFor();
});

test("on the tablet, Alex picks their tile, enters their PIN and marks the chore done", async () => {
  await tabletPage.goto("/tablet");
  await tabletPage.getByLabel("Tablet token").fill(deviceToken);
  await tabletPage.getByRole("button", { name: "Use this tablet" }).click();
  const tiles = tabletPage.getByRole("list", { name: "Who are you?" });
  await tiles.getByRole("button", { name: "Alex" }).waitFor();
  await saveScreenshot(tabletPage, "tablet-picker");

  await tiles.getByRole("button", { name: "Alex" }).click();
  const pad = tabletPage.getByRole("form", { name: "PIN for Alex" });
  for (const digit of "2468") await pad.getByRole("button", { name: digit, exact: true }).click();
  await saveScreenshot(tabletPage, "tablet-pin");
  await pad.getByRole("button", { name: "OK" }).click();

  const chores = tabletPage.getByRole("region", { name: "Alex’s chores" });
  await chores.getByRole("listitem", { name: "Feed the cat" }).waitFor();
  // Their rewards follow their chores (tablet-rewards.e2e.ts asks for one).
  await tabletPage.getByRole("region", { name: "Alex’s rewards" }).getByText("No requests yet.").waitFor();
  await saveScreenshot(tabletPage, "tablet-chores");
  const cat = chores.getByRole("listitem", { name: "Feed the cat" });
  const firstDue = await cat.getByText(/^Due /).textContent();
  await chores.getByRole("button", { name: "Done: Feed the cat" }).click();
  // Due later, but current: done at once. The next one would be early: the tablet asks first (decision 0007).
  await tabletPage.getByText("Feed the cat: done!").waitFor();
  await cat.getByText(/^Due /).filter({ hasNotText: firstDue! }).waitFor();
  // Focus moves on (here to Finished: no other chore is left) instead of dropping to the page.
  await tabletPage.waitForFunction(() => document.activeElement?.textContent === "Finished — back to everyone");
  await chores.getByRole("button", { name: "Done: Feed the cat" }).click();
  await chores.getByRole("group", { name: "Done early: Feed the cat" }).getByRole("button", { name: "Not yet" }).click();
  // Done early once (points for both); a second tap is one too far ahead, and the tablet says so without asking.
  const secondDue = await cat.getByText(/^Due /).textContent();
  await chores.getByRole("button", { name: "Done: Feed the cat" }).click();
  await chores.getByRole("group", { name: "Done early: Feed the cat" }).getByRole("button", { name: "Done early" }).click();
  await cat.getByText(/^Due /).filter({ hasNotText: secondDue! }).waitFor();
  await chores.getByRole("button", { name: "Done: Feed the cat" }).click();
  await cat
    .getByRole("alert")
    .filter({ hasText: /^Already done ahead\. It can be done again from / })
    .waitFor();
  await chores.getByRole("button", { name: "Finished — back to everyone" }).click();
  await tiles.waitFor();
  // The token stays on this device: a reload goes straight to the tiles.
  await tabletPage.reload();
  await tiles.getByRole("button", { name: "Alex" }).waitFor();
});

test("the chore's history in the web app says it was done via the kitchen tablet for Alex", async () => {
  await navLink(samPage, "Tasks").click();
  await samPage.getByRole("button", { name: "All tasks" }).click();
  await samPage.getByRole("link", { name: "Feed the cat" }).click();
  // Sam saw this chore's (empty) history moments ago; a reload shows what the tablet did since.
  await samPage.reload();
  await samPage.getByText("Done via Kitchen tablet for Alex").first().waitFor();
  await saveScreenshot(samPage, "history-tablet");
  await navLink(samPage, "Circle").click();
  await samPage.getByRole("region", { name: "Points" }).getByText("4 points").waitFor();
});

test("Alex signs in with username and PIN on a family device", async () => {
  const page = await browserFor();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Child's account? Use a PIN" }).click();
  await page.getByLabel("Username").fill("alex");
  await page.getByLabel("PIN", { exact: true }).fill("2468");
  await saveScreenshot(page, "sign-in-pin");
  await page.getByRole("button", { name: "Sign in with PIN" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
});

test("a second tablet set up through the QR code's link keeps the token out of its address bar", async () => {
  const page = await browserFor();
  await page.goto(`/tablet#token=${deviceToken}`);
  await page.getByRole("list", { name: "Who are you?" }).getByRole("button", { name: "Alex" }).waitFor();
  expect(page.url()).toBe(`${suite.chorus.baseUrl}/tablet`);
});

test("a revoked tablet is refused on its next request and asks for a new token", async () => {
  await navLink(samPage, "Circle").click();
  await samPage.getByRole("button", { name: "Revoke… Kitchen tablet" }).click();
  await samPage.getByRole("button", { name: "Revoke Kitchen tablet" }).click();
  await samPage.getByText("Kitchen tablet was revoked; it stops working now.").waitFor();

  await tabletPage.getByRole("list", { name: "Who are you?" }).getByRole("button", { name: "Sam" }).click();
  await tabletPage.getByText("This tablet’s token does not work any more").waitFor();
  await tabletPage.getByLabel("Tablet token").waitFor();
});
