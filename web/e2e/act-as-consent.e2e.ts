/**
 * Consent for grown-ups (decision 0023) in real Chromium: a member asks to be asked first,
 * another lets nobody act as them; the admin asks, the member grants in their own browser,
 * and the admin then acts for them. Screenshots at desktop, phone and tablet sizes.
 */
import type { Page } from "playwright-core";
import { DateTime } from "luxon";
import { saveScreenshot } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, createChore, expectChoreNames, openTasks, person, readInviteCode, signUp } from "./support/flows";

const sam = person("sam", "Sam"); // admin
const alex = person("alex", "Alex"); // asks first
const jo = person("joanne", "Jo"); // lets nobody act
const everyone = ["Sam", "Alex", "Jo"];

const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
  tablet: { width: 1024, height: 768 },
} as const;

const { browserFor } = chorusSuite();
let samPage: Page;
let alexPage: Page;
let joPage: Page;

/** `name`-desktop, -phone and -tablet; `check` runs at each size, before the picture. */
async function screenshotsAtEverySize(page: Page, name: string, check: () => Promise<void>) {
  const before = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await check();
    await saveScreenshot(page, `${name}-${size}`);
  }
  if (before) await page.setViewportSize(before);
}

/** Nothing wider than the window: no sideways scrolling at any size. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function chooseConsent(page: Page, label: "Anyone my role allows" | "Ask me first" | "Nobody") {
  await page.goto("/account");
  await page.getByRole("heading", { name: "Acting for you" }).waitFor();
  await page.getByRole("radio", { name: label }).check();
  await page.getByText(`Saved: ${label.toLowerCase()}.`).waitFor();
}

beforeAll(async () => {
  [samPage, alexPage, joPage] = await Promise.all([browserFor(), browserFor(), browserFor()]);
});

test("a circle of an admin and two members, one with a chore", async () => {
  await signUp(samPage, sam);
  const inviteCode = await readInviteCode(samPage);
  for (const [page, who] of [
    [alexPage, alex],
    [joPage, jo],
  ] as const) {
    await signUp(page, who);
    await askToJoin(page, inviteCode);
  }
  await samPage.reload();
  await acceptJoinRequest(samPage, "Alex");
  await acceptJoinRequest(samPage, "Jo");
  const due = DateTime.now().setZone("Europe/Berlin").minus({ days: 1 }).set({ hour: 8, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(samPage, { name: "Water the plants", due, assignees: ["Alex"], points: 1, frequency: "daily" }, everyone);
});

test("members choose on the Account page: Alex asks first, Jo lets nobody act", async () => {
  await chooseConsent(alexPage, "Ask me first");
  await screenshotsAtEverySize(alexPage, "act-as-consent-account", async () => {
    expect(await alexPage.getByRole("radio", { name: "Ask me first" }).isChecked()).toBe(true);
    // Every radio button keeps its full size beside its explanation, phone included.
    for (const radio of await alexPage.getByRole("radio").all()) expect((await radio.boundingBox())!.width).toBeGreaterThanOrEqual(19);
    await expectNoSidewaysScroll(alexPage);
  });
  await chooseConsent(joPage, "Nobody");
  // The settings stick across a reload.
  await joPage.reload();
  await joPage.getByRole("radio", { name: "Nobody" }).waitFor();
  expect(await joPage.getByRole("radio", { name: "Nobody" }).isChecked()).toBe(true);
});

test("the admin sees each setting, and the chooser explains who is not offered", async () => {
  await samPage.goto("/circle");
  await samPage.getByText("Ask before acting for them").waitFor();
  await samPage.getByText("Nobody may act for them").waitFor();
  await saveScreenshot(samPage, "act-as-consent-members");

  await openTasks(samPage);
  await samPage.getByRole("button", { name: "Choose User" }).click();
  const list = samPage.getByRole("list", { name: "Members you can view tasks as" });
  await list.waitFor();
  expect((await list.getByRole("button").allTextContents()).map((text) => text.trim())).toEqual([
    "Alex member Asks to be asked first: Ask",
  ]);
  await screenshotsAtEverySize(samPage, "act-as-consent-chooser", async () => {
    await samPage.getByText("Jo does not allow others to act for them.").waitFor();
    await expectNoSidewaysScroll(samPage);
  });
});

test("the admin asks; the member is asked in their own browser, live, and grants", async () => {
  await alexPage.goto("/");
  await alexPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();

  // The request carries the mode chosen: to do Alex's chores, View and act.
  await samPage.getByRole("radio", { name: "View and act" }).check();
  await samPage.getByLabel("Reason (optional)").fill("Alex is away");
  await samPage.getByRole("button", { name: /Alex member/ }).click();
  await samPage.getByText("Asked Alex. You can view their tasks once they allow it.").waitFor();
  await samPage.getByRole("button", { name: "Choose User" }).click();
  expect(await samPage.getByRole("button", { name: /Alex member Waiting for their answer/ }).isDisabled()).toBe(true);

  // No reload: the request arrives with the live-update stream.
  const prompt = alexPage.getByRole("article", { name: "Sam asks to act for you" });
  await prompt.waitFor();
  expect(await prompt.textContent()).toContain("Sam asks to view and do your tasks — reason: “Alex is away”.");
  await screenshotsAtEverySize(alexPage, "act-as-consent-request", async () => {
    const box = await prompt.getByRole("button", { name: "Allow Sam" }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await expectNoSidewaysScroll(alexPage);
  });
  await prompt.getByRole("button", { name: "Allow Sam" }).click();
  await alexPage.getByText("Sam can now act for you for a while.").waitFor();
  await prompt.waitFor({ state: "detached" });
});

test("once granted the admin acts for the member", async () => {
  // The grant reaches the admin's open chooser live too.
  const view = samPage.getByRole("button", { name: /Alex member Allowed you: View/ });
  await view.waitFor();
  await view.click();
  await samPage.getByRole("heading", { level: 1, name: "Alex’s tasks" }).waitFor();
  await expectChoreNames(samPage, ["Water the plants"]);
  await samPage.getByRole("link", { name: "Water the plants" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Water the plants" }).waitFor();
  await samPage.getByRole("button", { name: "Done for Alex: Water the plants" }).click();
  await samPage.getByText("Done for Alex: “Water the plants”.").waitFor();
  await samPage.getByText("Done by Sam for Alex").waitFor();
});
