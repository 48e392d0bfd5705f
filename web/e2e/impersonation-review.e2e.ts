/**
 * The member is told, and admins review act-as (decision 0022), in a real Chromium against the
 * production build: starting "View tasks as" sends the member an ntfy notice, their "Done for
 * you" lists the session with its mode and actions, and the audit page's Sessions view shows it
 * and downloads it as CSV — on a desktop, a phone and a tablet.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, newPerson, pageErrors, saveScreenshot } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";
import { acceptJoinRequest, askToJoin, createChore, navLink, openTasks, person, readInviteCode, signUp } from "./support/flows";

const sam = person("sam", "Sam"); // admin
const alex = person("alex", "Alex"); // member
const REASON = "Alex is at camp, =not a formula";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1024, height: 768 };

let chorus: RunningChorus;
let browser: Browser;
let ntfy: Server;
let ntfyUrl: string;
const notices: { path: string; title: string; body: string }[] = [];
const contexts: BrowserContext[] = [];
let samPage: Page;
let alexPage: Page;

async function browserFor(): Promise<Page> {
  const context = await newPerson(browser, chorus.baseUrl);
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  // A stand-in for the member's self-hosted ntfy server.
  ntfy = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      notices.push({ path: req.url ?? "", title: String(req.headers.title), body });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => ntfy.listen(0, "127.0.0.1", resolve));
  ntfyUrl = `http://127.0.0.1:${(ntfy.address() as AddressInfo).port}`;
  [chorus, browser] = await Promise.all([startChorus({ env: { REMINDER_ALLOWED_PRIVATE_NETWORKS: "127.0.0.1" } }), launchChromium()]);
  [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await chorus?.stop();
  await new Promise((resolve) => ntfy?.close(resolve));
  expect(pageErrors).toEqual([]);
});

/** No horizontal scrolling: the page and the sessions region fit the window. */
async function fitsWidth(page: Page) {
  const overflow = await page.evaluate(() => {
    const region = document.querySelector('[role="region"][aria-label="Sessions"]');
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      region: region ? region.scrollWidth - region.clientWidth : 0,
    };
  });
  expect(overflow).toEqual({ page: 0, region: 0 });
}

test("the member turns on ntfy, and the admin acts for them with a reason", async () => {
  await signUp(samPage, sam);
  const inviteCode = await readInviteCode(samPage);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, inviteCode);
  await samPage.reload();
  await acceptJoinRequest(samPage, "Alex");
  const due = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(samPage, { name: "Water the plants", due, assignees: ["Alex"] }, ["Sam", "Alex"]);

  await alexPage.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await alexPage.getByRole("list", { name: "Your settings" }).getByRole("link", { name: "Reminders" }).click();
  await alexPage.getByRole("checkbox", { name: "Send to an ntfy topic" }).check();
  await alexPage.getByLabel("ntfy server").fill(ntfyUrl);
  await alexPage.getByLabel("Topic", { exact: true }).fill("alex-chorus");
  await alexPage.getByRole("button", { name: "Save reminders" }).click();
  await alexPage.getByText("Reminder settings saved.").waitFor();

  await openTasks(samPage);
  await samPage.getByRole("button", { name: "Choose User" }).click();
  await samPage.getByRole("radio", { name: "View and act" }).check();
  await samPage.getByLabel("Reason (optional)").fill(REASON);
  await samPage.getByRole("list", { name: "Members you can view tasks as" }).getByRole("button", { name: /Alex/ }).click();
  await samPage.getByRole("region", { name: "Viewing tasks as another member" }).getByText("Acting as Alex").waitFor();
  await samPage.getByRole("button", { name: "Done for Alex: Water the plants" }).click();
  await samPage.getByText("Done for Alex: “Water the plants”.").waitFor();
  const banner = samPage.getByRole("region", { name: "Viewing tasks as another member" });
  await banner.getByRole("button", { name: "Exit impersonation" }).click();
  await banner.waitFor({ state: "detached" });

  // The notice reached the member's ntfy topic once, naming who, how and why.
  for (let i = 0; i < 100 && notices.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(notices).toEqual([
    { path: "/alex-chorus", title: "Someone is using Chorus as you", body: `Sam started acting for you — reason: ${REASON}.` },
  ]);
});

test("the member's Done for you lists the session with its start, end, mode, reason and actions", async () => {
  await alexPage.goto("/done-for-you");
  const session = alexPage
    .getByRole("list", { name: "Done for you" })
    .getByRole("listitem")
    .filter({ hasText: "Sam viewed and acted as you" });
  await session.waitFor();
  const text = await session.textContent();
  expect(text).toContain("View and act");
  expect(text).toMatch(/Started .+ · ended .+ · 1 action/);
  expect(text).toContain(`Reason: “${REASON}”`);
  for (const [name, size] of [
    ["done-for-you-session-desktop", DESKTOP],
    ["done-for-you-session-phone", PHONE],
    ["done-for-you-session-tablet", TABLET],
  ] as const) {
    await alexPage.setViewportSize(size);
    await fitsWidth(alexPage);
    await saveScreenshot(alexPage, name);
  }
});

test("the admin reviews the session in the audit page's Sessions view and downloads it as CSV", async () => {
  await samPage.setViewportSize(DESKTOP);
  await navLink(samPage, "Audit").click();
  await samPage.getByRole("button", { name: "Sessions" }).click();
  const region = samPage.getByRole("region", { name: "Sessions" });
  const row = region.getByRole("row").filter({ hasText: REASON });
  await row.waitFor();
  const cells = await row.getByRole("cell").allTextContents();
  expect([cells[0], cells[1], cells[2], cells[3], cells[6], cells[7]]).toEqual(["Sam", "Alex", "View and act", REASON, "1", "0"]);
  expect(cells[5]).not.toMatch(/Open until/);

  // Desktop and tablet: a table with its column headers; a phone: one labelled card per session.
  for (const [name, size] of [
    ["audit-sessions-desktop", DESKTOP],
    ["audit-sessions-tablet", TABLET],
    ["audit-sessions-phone", PHONE],
  ] as const) {
    await samPage.setViewportSize(size);
    await fitsWidth(samPage);
    // The column headers stay for screen readers; on a phone they take no room.
    const headerHeight = await region.locator("thead").evaluate((thead) => thead.getBoundingClientRect().height);
    const who = await row.getByRole("cell").first().boundingBox();
    const forWhom = await row.getByRole("cell").nth(1).boundingBox();
    if (size === PHONE) {
      expect(headerHeight).toBeLessThanOrEqual(1);
      // On a phone the cells stack: "For" is below "Who".
      expect(forWhom!.y).toBeGreaterThan(who!.y);
    } else {
      expect(headerHeight).toBeGreaterThan(10);
      expect(Math.round(forWhom!.y)).toBe(Math.round(who!.y));
    }
    await saveScreenshot(samPage, name);
  }

  await samPage.setViewportSize(DESKTOP);
  const [download] = await Promise.all([samPage.waitForEvent("download"), samPage.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^chorus-sessions-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path());
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.subarray(3).toString("utf8").split("\r\n");
  expect(lines[0]).toBe("session,started_at,ended_at,expires_at,actor_id,actor,member_id,member,mode,reason,actions,refusals");
  expect(lines[1]).toContain(`,Sam,`);
  // The reason holds a comma, so it is quoted; it does not start with "=", so it is left as typed.
  expect(lines[1]).toContain(`,act,"${REASON}",1,0`);
});
