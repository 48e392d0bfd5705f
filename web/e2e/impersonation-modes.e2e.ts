/**
 * View-only impersonation, the step-up and "Done for Alex" (issue 16, decision 0020) in a
 * real Chromium against the production build. The admin's sign-in is aged past the ten
 * fresh minutes by stopping the server, moving its sessions' times back in its PGlite
 * database and starting it again on the same port, so the open page keeps its sign-in.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { DateTime } from "luxon";
import { PHONE, launchChromium, newPerson, onPhone, pageErrors, saveScreenshot } from "./support/browser";
import { runSqlWhileStopped, startChorus, type RunningChorus } from "./support/chorus-server";
import { acceptJoinRequest, askToJoin, createChore, expectChoreNames, openTasks, person, readInviteCode, signUp } from "./support/flows";

const sam = person("sam", "Sam"); // admin
const alex = person("alex", "Alex"); // member
const SIZES = { desktop: { width: 1280, height: 800 }, phone: PHONE, tablet: { width: 1024, height: 768 } };

const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-e2e-modes-"));
let chorus: RunningChorus;
let browser: Browser;
const contexts: BrowserContext[] = [];
let samPage: Page;

const banner = (page: Page) => page.getByRole("region", { name: "Viewing tasks as another member" });
const card = (page: Page, name: string) => page.getByRole("article", { name });
const actionButtons = (page: Page) => page.getByRole("button", { name: /^(Done|Skip|Start|Resume|Pause)\b/ });
const berlin = (days: number, hour: number) =>
  DateTime.now().setZone("Europe/Berlin").plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");

/** Full-page screenshots at desktop, phone and tablet size (docs/screenshots/<name>-<size>.png). */
async function screenshotsAtEverySize(page: Page, name: string, options: { keepMessages?: boolean } = {}) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await saveScreenshot(page, `${name}-${size}`, options);
  }
  await page.setViewportSize(SIZES.desktop);
}

async function browserFor(): Promise<Page> {
  const context = await newPerson(browser, chorus.baseUrl);
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  [chorus, browser] = await Promise.all([startChorus({ dataDir }), launchChromium()]);
  samPage = await browserFor();
  await samPage.setViewportSize(SIZES.desktop);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await chorus?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

test("an admin and a member share a circle, with a chore for the member", async () => {
  const alexPage = await browserFor();
  await signUp(samPage, sam);
  const inviteCode = await readInviteCode(samPage);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, inviteCode);
  await samPage.reload();
  await acceptJoinRequest(samPage, "Alex");
  await createChore(samPage, { name: "Feed the cat", due: berlin(-1, 8), assignees: ["Alex"], points: 2, frequency: "daily" }, [
    "Sam",
    "Alex",
  ]);
});

test("View only is the chooser's default: the banner says so and no card offers an action", async () => {
  await openTasks(samPage);
  await samPage.getByRole("button", { name: "Choose User" }).click();
  const modes = samPage.getByRole("group", { name: "What you can do" });
  expect(await modes.getByRole("radio", { name: "View only" }).isChecked()).toBe(true);
  expect(await modes.getByRole("radio", { name: "View and act" }).isChecked()).toBe(false);
  await modes.getByText("Nothing can be changed.").waitFor();
  await screenshotsAtEverySize(samPage, "modes-chooser");

  await samPage.getByRole("list", { name: "Members you can view tasks as" }).getByRole("button", { name: /Alex/ }).click();
  await banner(samPage).getByText("Viewing Alex’s tasks — view only").waitFor();
  await expectChoreNames(samPage, ["Feed the cat"]);
  expect(await actionButtons(samPage).count()).toBe(0);
  expect(await banner(samPage).getByRole("button", { name: "Allow actions" }).isVisible()).toBe(true);
  await screenshotsAtEverySize(samPage, "modes-view-only");

  // The chore's own page has no action buttons either.
  await samPage.getByRole("link", { name: "Feed the cat" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Feed the cat" }).waitFor();
  expect(await actionButtons(samPage).count()).toBe(0);

  // On a phone the bar stays one compact row with the switch and Exit.
  await onPhone(samPage, async () => {
    const bar = (await banner(samPage).boundingBox())!;
    expect(bar.height).toBeLessThan(120);
    for (const name of ["Allow actions", "Exit impersonation"]) {
      const button = (await banner(samPage).getByRole("button", { name }).boundingBox())!;
      expect(button.y + button.height).toBeLessThanOrEqual(bar.y + bar.height);
      expect(button.height).toBeGreaterThanOrEqual(44);
    }
    expect(await samPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});

test("switching to act on a sign-in older than ten minutes asks for the password, and a wrong one is refused", async () => {
  const port = Number(new URL(chorus.baseUrl).port);
  await chorus.stop();
  await runSqlWhileStopped(
    dataDir,
    `UPDATE "Session" SET "createdAt" = "createdAt" - interval '11 minutes', "steppedUpAt" = "steppedUpAt" - interval '11 minutes'`,
  );
  chorus = await startChorus({ dataDir, port });

  await openTasks(samPage);
  await banner(samPage).getByText("Viewing Alex’s tasks — view only").waitFor();
  await banner(samPage).getByRole("button", { name: "Allow actions" }).click();
  const form = banner(samPage).getByRole("form", { name: "Confirm it is you" });
  const password = form.getByLabel("Your password");
  await password.waitFor();
  expect(await password.evaluate((element) => element === document.activeElement)).toBe(true);
  await screenshotsAtEverySize(samPage, "modes-step-up");

  await password.fill("not-the-password");
  await password.press("Enter");
  await form.getByText("Wrong password").waitFor();
  await banner(samPage).getByText("view only").waitFor();
  expect(await actionButtons(samPage).count()).toBe(0);

  await password.fill(sam.password);
  await form.getByRole("button", { name: "Confirm" }).click();
  await banner(samPage).getByText("Acting as Alex").waitFor();
  expect(await form.count()).toBe(0);
  expect(await banner(samPage).getByRole("button", { name: "View only" }).isVisible()).toBe(true);
});

test("acting, the buttons say whom they are for, and so does the message", async () => {
  const done = card(samPage, "Feed the cat").getByRole("button", { name: "Done for Alex: Feed the cat" });
  await done.waitFor();
  expect((await done.textContent())?.trim()).toBe("Done for Alex");
  await card(samPage, "Feed the cat").getByRole("button", { name: "Skip for Alex: Feed the cat" }).waitFor();
  await card(samPage, "Feed the cat").getByRole("button", { name: "Start for Alex: Feed the cat" }).waitFor();

  await done.click();
  await samPage.getByRole("status").getByText("Done for Alex: “Feed the cat”.").waitFor();
  await samPage.getByRole("button", { name: "Undo for Alex: Done for Alex: “Feed the cat”." }).waitFor();
  // Daily: the next occurrence is on the card, for Alex again.
  await card(samPage, "Feed the cat").getByRole("button", { name: "Done for Alex: Feed the cat" }).waitFor();
  await screenshotsAtEverySize(samPage, "modes-done-for-alex", { keepMessages: true });

  await banner(samPage).getByRole("button", { name: "Exit impersonation" }).click();
  await samPage.getByText("You are back to your own tasks.").waitFor();
});
