/**
 * The layout and keyboard behaviour people depend on, measured in a real Chromium against
 * the production build: a dropped stylesheet rule or a lost focus fails here, not in a
 * family's kitchen. The impersonation limit is 5 minutes, so *Extend* is offered at once.
 */
import type { Locator, Page } from "playwright-core";
import { DateTime } from "luxon";
import { onPhone, PHONE, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { createChore, navLink, openTasks, person, signUp } from "./support/flows";

const sam = person("sam", "Sam"); // admin
const everyone = ["Sam", "Alex"];

const { browserFor } = chorusSuite({ env: { IMPERSONATION_LIMIT_MINUTES: "5" } });
let samPage: Page;
let deviceToken: string;

const banner = (page: Page) => page.getByRole("region", { name: "Viewing tasks as another member" });
const berlin = (days: number, hour: number) =>
  DateTime.now().setZone("Europe/Berlin").plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");

async function size(locator: Locator): Promise<{ width: number; height: number; x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not visible`);
  return box;
}

/** Computed colours of an element, and the WCAG contrast ratio between them. */
async function colours(locator: Locator): Promise<{ background: string; color: string; contrast: number }> {
  const { background, color } = await locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, color: style.color };
  });
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(background), luminance(color)].sort((a, b) => b - a);
  return { background, color, contrast: (light! + 0.05) / (dark! + 0.05) };
}

const TRANSPARENT = "rgba(0, 0, 0, 0)";
const DEFAULT_TEXT = "rgb(0, 0, 0)";

const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent?.trim() ?? null);

beforeAll(async () => {
  samPage = await browserFor();
});

test("an admin adds a child, two chores for them and a tablet, whose QR code fits the page", async () => {
  await signUp(samPage, sam);
  await navLink(samPage, "Circle").click();
  const addChild = samPage.getByRole("form", { name: "Add a child" });
  await addChild.getByLabel("Display name").fill("Alex");
  await addChild.getByLabel("Username").fill("alex");
  await addChild.getByLabel("PIN (optional)").fill("2468");
  await addChild.getByRole("button", { name: "Add child" }).click();
  await samPage.getByText("@alex · child's account").waitFor();
  await createChore(samPage, { name: "Feed the cat", due: berlin(-1, 8), assignees: ["Alex"], points: 2, frequency: "daily" }, everyone);
  await createChore(samPage, { name: "Water the plants", due: berlin(3, 18), frequency: "daily", assignees: ["Alex"] }, everyone);

  await samPage.setViewportSize(TABLET);
  await navLink(samPage, "Circle").click();
  await samPage.getByLabel("Tablet name").fill("Kitchen tablet");
  await samPage.getByRole("button", { name: "Add tablet" }).click();
  deviceToken = (await samPage.getByTestId("new-device-token").textContent())!.trim();
  const qr = await size(samPage.getByRole("img", { name: "QR code that sets up Kitchen tablet" }));
  expect(qr.width).toBeLessThanOrEqual(256);
  expect(qr.width).toBeGreaterThanOrEqual(128);
  await samPage.getByRole("status", { name: "New tablet token" }).getByRole("button", { name: "Done" }).click();
});

test("the tablet's name tiles, PIN keys and chore buttons are big touch targets", async () => {
  const tablet = await browserFor();
  await tablet.setViewportSize(TABLET);
  await tablet.goto(`/tablet#token=${deviceToken}`);
  const tiles = tablet.getByRole("list", { name: "Who are you?" });
  await tiles.getByRole("button", { name: "Alex" }).waitFor();
  for (const tile of await tiles.getByRole("button").all()) {
    const box = await size(tile);
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  // The initial is a circle of its own beside the name, not run into it ("AAlex").
  const initial = await size(tiles.getByRole("button", { name: "Alex" }).locator(".tablet-tile__initial"));
  expect(initial.width).toBeGreaterThanOrEqual(44);

  await tiles.getByRole("button", { name: "Alex" }).click();
  const pad = tablet.getByRole("form", { name: "PIN for Alex" });
  const keys = await pad.locator(".pin-pad__keys").getByRole("button").all();
  expect(keys).toHaveLength(12);
  for (const key of keys) {
    const box = await size(key);
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  for (const digit of "2468") await pad.getByRole("button", { name: digit, exact: true }).click();
  await pad.getByRole("button", { name: "OK" }).click();

  const chore = tablet.getByRole("region", { name: "Alex’s chores" }).getByRole("listitem", { name: "Feed the cat" });
  const done = await size(chore.getByRole("button", { name: "Done: Feed the cat" }));
  expect(done.height).toBeGreaterThanOrEqual(44);
  // A card: the name and the buttons side by side on one row, not a run of plain text.
  const name = await size(chore.getByText("Feed the cat", { exact: true }));
  expect(done.x).toBeGreaterThan(name.x + name.width);
  expect(await colours(chore).then(({ background }) => background)).not.toBe(TRANSPARENT);
});

test("the impersonation banner has colours of its own with enough contrast", async () => {
  await samPage.setViewportSize({ width: 1280, height: 800 });
  await openTasks(samPage);
  await samPage.getByRole("button", { name: "Choose User" }).click();
  await samPage.getByLabel("Reason (optional)").fill("Alex is at camp");
  await samPage.getByRole("radio", { name: "View and act" }).check();
  await samPage.getByRole("list", { name: "Members you can view tasks as" }).getByRole("button", { name: /Alex/ }).click();
  await banner(samPage).getByText("Acting as Alex").waitFor();

  const bar = await colours(banner(samPage));
  expect(bar.background).not.toBe(TRANSPARENT);
  expect(bar.color).not.toBe(DEFAULT_TEXT);
  expect(bar.contrast).toBeGreaterThanOrEqual(4.5);
  const exit = await colours(banner(samPage).getByRole("button", { name: "Exit impersonation" }));
  expect(exit.contrast).toBeGreaterThanOrEqual(4.5);
  expect(await banner(samPage).evaluate((element) => getComputedStyle(element).position)).toBe("sticky");
});

test("on a phone, acting as someone is one compact bar: the first chore stays near the top, with one Exit and Extend", async () => {
  await onPhone(samPage, async () => {
    await openTasks(samPage);
    const firstChore = samPage.locator(".chore-card").first();
    await firstChore.waitFor();
    expect((await size(firstChore)).y).toBeLessThan(260);
    const exits = samPage.getByRole("button", { name: "Exit impersonation" });
    const visible = await Promise.all((await exits.all()).map((exit) => exit.isVisible()));
    expect(visible.filter(Boolean)).toHaveLength(1);
    expect(await banner(samPage).getByRole("button", { name: "Exit impersonation" }).isVisible()).toBe(true);

    // Five minutes is within the last five: Extend is offered, and gives a full limit again.
    const extend = banner(samPage).getByRole("button", { name: "Extend acting as Alex" });
    expect((await size(extend)).height).toBeGreaterThanOrEqual(44);
    expect((await size(banner(samPage))).height).toBeLessThan(120);
    await extend.click();
    await samPage.getByText("You can act as Alex for longer now.").waitFor();
    await banner(samPage).getByText("5 min left").waitFor();
    expect(await samPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});

test("after Done, focus goes to the message with Undo; the Done early question takes focus and Escape leaves it", async () => {
  await openTasks(samPage);
  await samPage.getByRole("button", { name: "Done for Alex: Feed the cat" }).focus();
  await samPage.keyboard.press("Enter");
  await samPage.getByText("Done for Alex: “Feed the cat”.").waitFor();
  await samPage.waitForFunction(
    () => document.activeElement?.getAttribute("aria-label") === "Undo for Alex: Done for Alex: “Feed the cat”.",
  );
  // Undo from the keyboard; focus then goes to the page's heading, not to the page body.
  await samPage.keyboard.press("Enter");
  await samPage.waitForFunction(() => document.activeElement?.tagName === "H1");

  // The current occurrence is done with no question; the one after it is early and asks.
  await samPage.getByRole("button", { name: "Done for Alex: Water the plants" }).click();
  await samPage.getByText("Done for Alex: “Water the plants”.").waitFor();
  await samPage.getByRole("button", { name: "Done for Alex: Water the plants" }).focus();
  await samPage.keyboard.press("Enter");
  const question = samPage.getByRole("group", { name: "Done early for Alex: Water the plants" });
  await question.waitFor();
  expect(await focusedName(samPage)).toBe("Done early for Alex");
  await samPage.keyboard.press("Escape");
  expect(await question.count()).toBe(0);
  expect(await focusedName(samPage)).toBe("Done for Alex: Water the plants");
});

test("Escape closes the member chooser and gives focus back to the button that opened it", async () => {
  const opener = samPage.getByRole("button", { name: "Change User" });
  await opener.click();
  // Alex is the only one to choose, and already chosen: the chooser says so, with Cancel.
  const chooser = samPage.getByText("No one to choose", { exact: false });
  await chooser.waitFor();
  await samPage.getByRole("button", { name: "Cancel" }).focus();
  await samPage.keyboard.press("Escape");
  expect(await chooser.count()).toBe(0);
  expect(await opener.getAttribute("aria-expanded")).toBe("false");
  expect(await focusedName(samPage)).toBe("Change User");

  await banner(samPage).getByRole("button", { name: "Exit impersonation" }).click();
  await samPage.getByText("You are back to your own tasks.").waitFor();
});

test("the audit log sets the impersonation reason apart from the member's name", async () => {
  await navLink(samPage, "Audit").click();
  const row = samPage.getByRole("row").filter({ hasText: "chore.completed" }).first();
  const reason = row.getByText("Reason: “Alex is at camp”");
  await reason.waitFor();
  const cell = reason.locator("xpath=ancestor::td");
  const [cellBox, reasonBox, paddingLeft] = await Promise.all([
    size(cell),
    size(reason),
    cell.evaluate((element) => parseFloat(getComputedStyle(element).paddingLeft)),
  ]);
  // On a line of its own: it starts at the cell's left edge, below the name.
  expect(Math.abs(reasonBox.x - (cellBox.x + paddingLeft))).toBeLessThan(1);
  expect(reasonBox.y).toBeGreaterThan(cellBox.y + 10);
  const header = await colours(samPage.getByRole("columnheader").first());
  expect(header.background).not.toBe(TRANSPARENT);
});

test("the child's unread badge is coloured, and the Account page lists settings without bullets", async () => {
  const alexPage = await browserFor();
  await alexPage.goto("/signin");
  await alexPage.getByRole("button", { name: "Child's account? Use a PIN" }).click();
  await alexPage.getByLabel("Username").fill("alex");
  await alexPage.getByLabel("PIN", { exact: true }).fill("2468");
  await alexPage.getByRole("button", { name: "Sign in with PIN" }).click();
  await alexPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();

  const badge = alexPage.getByRole("navigation", { name: "Main" }).getByLabel(/\d+ new/);
  await badge.waitFor();
  const badgeColours = await colours(badge);
  expect(badgeColours.background).not.toBe("rgb(229, 231, 235)"); // the plain grey badge
  expect(badgeColours.background).not.toBe(TRANSPARENT);
  expect(badgeColours.contrast).toBeGreaterThanOrEqual(4.5);

  await alexPage.getByRole("banner").getByRole("link", { name: "Account" }).click();
  const settings = alexPage.getByRole("list", { name: "Your settings" });
  await settings.waitFor();
  for (const item of await settings.getByRole("listitem").all()) {
    expect(await item.evaluate((element) => getComputedStyle(element).listStyleType)).toBe("none");
  }
});
