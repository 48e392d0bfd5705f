/**
 * Extending and ending impersonation sessions (decision 0024) in a real Chromium: the banner
 * offers Extend in the session's last five minutes with the extensions left, and Exit in one
 * tab of an admin makes the admin's other tab leave "View tasks as" at once, with a message.
 * Sessions last five minutes here, so Extend shows from the start; two extensions are allowed.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, newPerson, pageErrors, saveScreenshot } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";
import { acceptJoinRequest, askToJoin, openTasks, person, readInviteCode, signUp } from "./support/flows";

const sam = person("sam", "Sam"); // admin
const alex = person("alex", "Alex"); // member

let chorus: RunningChorus;
let browser: Browser;
const contexts: BrowserContext[] = [];
let samTab: Page;
let alexPage: Page;

const banner = (page: Page) => page.getByRole("region", { name: "Viewing tasks as another member" });

beforeAll(async () => {
  [chorus, browser] = await Promise.all([
    startChorus({ env: { IMPERSONATION_LIMIT_MINUTES: "5", IMPERSONATION_MAX_EXTENSIONS: "2" } }),
    launchChromium(),
  ]);
  for (let i = 0; i < 2; i += 1) contexts.push(await newPerson(browser, chorus.baseUrl));
  [samTab, alexPage] = await Promise.all([contexts[0]!.newPage(), contexts[1]!.newPage()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await chorus?.stop();
  expect(pageErrors).toEqual([]);
});

async function actAsAlex(page: Page) {
  await openTasks(page);
  await page.getByRole("button", { name: /^(Choose|Change) User$/ }).click();
  await page.getByRole("radio", { name: "View and act" }).check();
  await page.getByRole("list", { name: "Members you can view tasks as" }).getByRole("button", { name: /Alex/ }).click();
  await banner(page).getByText("Acting as Alex").waitFor();
}

test("an admin and a member share a circle", async () => {
  await signUp(samTab, sam);
  const inviteCode = await readInviteCode(samTab);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, inviteCode);
  await samTab.reload();
  await acceptJoinRequest(samTab, "Alex");
});

test("the banner offers Extend in the last minutes, with the extensions left, on a desktop, a phone and a tablet", async () => {
  await actAsAlex(samTab);
  const extend = banner(samTab).getByRole("button", { name: "Extend acting as Alex" });
  await extend.waitFor();
  await banner(samTab).getByText("2 extensions left").waitFor();
  await extend.click();
  await samTab.getByText("You can act as Alex for longer now.").waitFor();
  await banner(samTab).getByText("1 extension left").waitFor();

  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
    ["tablet", { width: 1024, height: 768 }],
  ] as const) {
    await samTab.setViewportSize(viewport);
    const bar = await banner(samTab).boundingBox();
    const [extendBox, exitBox] = await Promise.all([
      extend.boundingBox(),
      banner(samTab).getByRole("button", { name: "Exit impersonation" }).boundingBox(),
    ]);
    // Both buttons are inside the bar and on screen, side by side, without a sideways scroll.
    for (const box of [extendBox!, exitBox!]) {
      expect(box.y).toBeGreaterThanOrEqual(bar!.y);
      expect(box.y + box.height).toBeLessThanOrEqual(bar!.y + bar!.height);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    }
    expect(Math.abs(extendBox!.y - exitBox!.y)).toBeLessThan(4);
    expect(await samTab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await saveScreenshot(samTab, `impersonation-extend-${name}`);
  }
  await samTab.setViewportSize({ width: 1180, height: 820 });

  await extend.click();
  await banner(samTab).getByText("No extensions left").waitFor();
  expect(await extend.count()).toBe(0);
});

test("Exit in one tab makes the admin's other tab leave impersonation within a second or two", async () => {
  // A second tab of the same sign-in (same localStorage), acting as Alex too.
  const otherTab = await contexts[0]!.newPage();
  await otherTab.goto("/");
  await actAsAlex(otherTab);
  await banner(samTab).getByText("Acting as Alex").waitFor();

  await banner(otherTab).getByRole("button", { name: "Exit impersonation" }).click();
  await otherTab.getByText("You are back to your own tasks.").waitFor();
  const left = Date.now();
  await samTab.getByText("You stopped acting as Alex in another tab or on another device.").waitFor({ timeout: 5_000 });
  expect(Date.now() - left).toBeLessThan(2_500);
  expect(await banner(samTab).count()).toBe(0);
  expect(await samTab.evaluate(() => sessionStorage.getItem("chorus.actingAsUserId"))).toBeNull();
  await samTab.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await saveScreenshot(samTab, "impersonation-ended-elsewhere", { keepMessages: true });
  await otherTab.close();
});
