/**
 * A child asks for a reward on the kitchen tablet in a real Chromium (issue 17 item 7): tile,
 * PIN, what they can afford, "Ask for it", then the admin approves it in the web app (which says
 * it came via a shared tablet) and the tablet shows it approved. Big touch targets checked at
 * 1024×768.
 */
import type { Locator, Page } from "playwright-core";
import { saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { navLink, person, signUp } from "./support/flows";

const { browserFor } = chorusSuite();
let samPage: Page;
let tabletPage: Page;
let deviceToken: string;

async function size(locator: Locator): Promise<{ width: number; height: number; x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not visible`);
  return box;
}

const rewardsLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rewards", exact: true });

/** Alex's tile, their PIN, and the rewards under their chores. */
async function pickAlex(page: Page): Promise<Locator> {
  await page.getByRole("list", { name: "Who are you?" }).getByRole("button", { name: "Alex" }).click();
  const pad = page.getByRole("form", { name: "PIN for Alex" });
  for (const digit of "2468") await pad.getByRole("button", { name: digit, exact: true }).click();
  await pad.getByRole("button", { name: "OK" }).click();
  const rewards = page.getByRole("region", { name: "Alex’s rewards" });
  await rewards.waitFor();
  return rewards;
}

beforeAll(async () => {
  [samPage, tabletPage] = await Promise.all([browserFor(), browserFor()]);
  await tabletPage.setViewportSize(TABLET);
});

test("an admin adds a child with 12 points, two rewards and a kitchen tablet", async () => {
  await signUp(samPage, person("sam", "Sam"));
  await navLink(samPage, "Circle").click();
  const addChild = samPage.getByRole("form", { name: "Add a child" });
  await addChild.getByLabel("Display name").fill("Alex");
  await addChild.getByLabel("Username").fill("alex");
  await addChild.getByLabel("PIN (optional)").fill("2468");
  await addChild.getByRole("button", { name: "Add child" }).click();
  await samPage.getByText("Alex joined the circle. They sign in as “alex”.").waitFor();

  await samPage.getByRole("region", { name: "Points" }).getByRole("link", { name: "Alex’s points history" }).click();
  const adjust = samPage.getByRole("form", { name: "Adjust Alex’s points" });
  await adjust.getByLabel("Amount").fill("12");
  await adjust.getByLabel("Reason").fill("Pocket money");
  await adjust.getByRole("button", { name: "Adjust points" }).click();
  await samPage.getByText("Alex now has 12 points.").waitFor();

  await rewardsLink(samPage).click();
  const form = samPage.getByRole("form", { name: "New reward" });
  for (const [name, cost] of [
    ["Comic", "5"],
    ["Bike", "500"],
  ] as const) {
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Cost in points").fill(cost);
    await form.getByRole("button", { name: "Add reward" }).click();
    await samPage.getByText(`“${name}” is on offer.`).waitFor();
  }

  await navLink(samPage, "Circle").click();
  await samPage.getByLabel("Tablet name").fill("Kitchen tablet");
  await samPage.getByRole("button", { name: "Add tablet" }).click();
  deviceToken = (await samPage.getByTestId("new-device-token").textContent())!.trim();
  await samPage.getByRole("status", { name: "New tablet token" }).getByRole("button", { name: "Done" }).click();
});

test("on the tablet, Alex enters their PIN, sees what they can afford and asks for the comic", async () => {
  await tabletPage.goto(`/tablet#token=${deviceToken}`);
  const rewards = await pickAlex(tabletPage);
  await rewards.getByText("12 points", { exact: true }).waitFor();
  const offer = rewards.getByRole("list", { name: "Rewards on offer" });
  await offer.getByRole("listitem", { name: "Bike" }).getByText("488 more to go").waitFor();
  expect(await offer.getByRole("listitem", { name: "Bike" }).getByRole("button").count()).toBe(0);

  // Big touch targets: the button a child taps is at least 44 px each way, beside the reward's name on its card.
  const comic = offer.getByRole("listitem", { name: "Comic" });
  const ask = comic.getByRole("button", { name: "Ask for Comic" });
  const button = await size(ask);
  expect(button.height).toBeGreaterThanOrEqual(44);
  expect(button.width).toBeGreaterThanOrEqual(44);
  const name = await size(comic.getByText("Comic", { exact: true }));
  expect(button.x).toBeGreaterThan(name.x + name.width);
  expect((await size(tabletPage.getByRole("button", { name: "Finished — back to everyone" }))).height).toBeGreaterThanOrEqual(44);
  expect(await tabletPage.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

  await ask.click();
  await tabletPage.getByText("Asked for “Comic”. A grown-up will decide; 5 points are kept for it.").waitFor();
  await rewards.getByText("7 points", { exact: true }).waitFor();
  await rewards.getByRole("list", { name: "Alex’s requests" }).getByText("Waiting").waitFor();
  await rewards.scrollIntoViewIfNeeded();
  await saveScreenshot(tabletPage, "tablet-rewards", { keepMessages: true });
  await tabletPage.getByRole("button", { name: "Finished — back to everyone" }).click();
});

test("Sam sees the request came from Alex via the tablet, approves it, and the tablet shows it approved", async () => {
  await rewardsLink(samPage).click();
  const queue = samPage.getByRole("list", { name: "Requests to decide" });
  await queue.getByText("Asked by Alex via a shared tablet").waitFor();
  await queue.getByRole("button", { name: "Approve Comic for Alex" }).click();
  await samPage.getByText("Alex’s “Comic” approved.").waitFor();

  // The hold is Alex's own act via the tablet in the ledger.
  await navLink(samPage, "Circle").click();
  await samPage.getByRole("region", { name: "Points" }).getByRole("link", { name: "Alex’s points history" }).click();
  await samPage.getByRole("list", { name: "Points history" }).getByText("Redeemed: Comic").waitFor();
  await samPage
    .getByRole("list", { name: "Points history" })
    .getByText(/by Alex via Kitchen tablet/)
    .waitFor();

  const rewards = await pickAlex(tabletPage);
  await rewards.getByRole("list", { name: "Alex’s requests" }).getByText("Approved").waitFor();
});
