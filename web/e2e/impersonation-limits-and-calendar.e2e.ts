/**
 * Impersonation limits, "Done for you" and the calendar feed (docs/decisions/0012), in a real
 * Chromium against the production build. The server's impersonation limit is one minute here,
 * so the countdown really runs out.
 */
import type { Page } from "playwright-core";
import { DateTime } from "luxon";
import { onPhone, PHONE, saveScreenshot } from "./support/browser";
import { chorusSuite } from "./support/suite";
import {
  acceptJoinRequest,
  askToJoin,
  createChore,
  navLink,
  openTasks,
  person,
  readInviteCode,
  signUp,
  expectChoreNames,
} from "./support/flows";

const sam = person("sam", "Sam"); // admin
const alex = person("alex", "Alex"); // member

const suite = chorusSuite({ env: { IMPERSONATION_LIMIT_MINUTES: "1" } });
const { browserFor } = suite;
let samPage: Page;
let alexPage: Page;

const banner = (page: Page) => page.getByRole("region", { name: "Viewing tasks as another member" });
const doneForYouLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Done for you/ });
const berlin = (days: number, hour: number) =>
  DateTime.now().setZone("Europe/Berlin").plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");

beforeAll(async () => {
  [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
});

test("an admin and a member share a circle, with chores for the member", async () => {
  await signUp(samPage, sam);
  const inviteCode = await readInviteCode(samPage);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, inviteCode);
  await samPage.reload();
  await acceptJoinRequest(samPage, "Alex");
  await createChore(samPage, { name: "Water the plants", due: berlin(1, 18), assignees: ["Alex"], points: 3, frequency: "daily" }, [
    "Sam",
    "Alex",
  ]);
  await createChore(samPage, { name: "Take out the bins", due: berlin(2, 7), assignees: ["Alex"] }, ["Sam", "Alex"]);
});

test("the admin acts as the member with a reason, sees the time left, and the limit ends it with a message", async () => {
  await openTasks(samPage);
  await samPage.getByRole("button", { name: "Choose User" }).click();
  await samPage.getByLabel("Reason (optional)").fill("Alex is at camp this week");
  await samPage.getByRole("radio", { name: "View and act" }).check();
  await samPage.getByRole("list", { name: "Members you can view tasks as" }).getByRole("button", { name: /Alex/ }).click();
  await banner(samPage).getByText("Acting as Alex").waitFor();
  await banner(samPage)
    .getByText(/(1 min|\d+ s) left/)
    .waitFor();
  await expectChoreNames(samPage, ["Water the plants", "Take out the bins"]);
  await saveScreenshot(samPage, "impersonation-countdown");

  await samPage.getByRole("button", { name: "Done for Alex: Water the plants" }).click();
  // Due tomorrow, made today: current, so no "done early?" (decision 0007).
  await samPage.getByText("Done for Alex: “Water the plants”.").waitFor();

  // The server's one-minute limit runs out: the app ends "View tasks as" and says why (the live
  // stream's end, or the countdown's request meeting impersonation_expired, whichever is first).
  await samPage.getByText(/"View tasks as" has ended: Your time acting as (this member|Alex) is up/).waitFor({ timeout: 75_000 });
  expect(await banner(samPage).count()).toBe(0);
  await samPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();

  // The reason is in the audit log with the write made in that impersonation session.
  await navLink(samPage, "Audit").click();
  const completed = samPage.getByRole("row").filter({ hasText: "chore.completed" }).first();
  await completed.waitFor();
  expect(await completed.textContent()).toContain("Alex is at camp this week");
}, 110_000);

test("the member sees what was done for them, with a badge until they look", async () => {
  await alexPage.goto("/");
  await alexPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await doneForYouLink(alexPage).getByLabel("2 new").waitFor();
  await doneForYouLink(alexPage).click();
  const list = alexPage.getByRole("list", { name: "Done for you" });
  await list.getByText("Done for you by Sam").waitFor();
  await list.getByText("Sam viewed and acted as you").waitFor();
  await list.getByText("Reason: “Alex is at camp this week”").waitFor();
  await saveScreenshot(alexPage, "done-for-you");
  await alexPage.reload();
  await list.getByText("Done for you by Sam").waitFor();
  expect(await doneForYouLink(alexPage).getByLabel(/new/).count()).toBe(0);
});

test("the member makes a calendar link that serves their chores, then revokes it", async () => {
  await alexPage.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await alexPage.getByRole("list", { name: "Your settings" }).getByRole("link", { name: "Calendar feed" }).click();
  await alexPage.getByRole("heading", { level: 1, name: "Calendar feed" }).waitFor();
  await alexPage.getByRole("button", { name: "Create calendar link" }).click();
  const link = await alexPage.getByLabel("Calendar link", { exact: true }).inputValue();
  expect(link).toMatch(new RegExp(`^${suite.chorus.baseUrl}/api/v1/ical/[A-Za-z0-9_-]{32}\\.ics$`));
  await saveScreenshot(alexPage, "calendar-feed");

  // What a calendar app gets: no Authorization header, just the secret URL.
  const feed = await fetch(link);
  expect(feed.status).toBe(200);
  expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const ics = await feed.text();
  expect(ics).toContain("SUMMARY:Take out the bins");
  expect(ics).toContain("SUMMARY:Water the plants");
  expect(ics).not.toContain("sam@example.com");

  await alexPage.getByRole("button", { name: "Done" }).click();
  await alexPage.getByRole("button", { name: "Revoke link…" }).click();
  await alexPage.getByRole("button", { name: "Revoke the calendar link" }).click();
  await alexPage.getByText("You have no calendar link.").waitFor();
  expect((await fetch(link)).status).toBe(404);
});

test("the new links fit the phone's header, on its two rows of links, for the member and the admin", async () => {
  for (const page of [alexPage, samPage]) {
    await onPhone(page, async () => {
      await page.goto("/");
      const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
      await links.first().waitFor();
      const boxes = (await Promise.all((await links.all()).map((link) => link.boundingBox()))).map((box) => box!);
      // Four a row (the phone header's grid): Done for you is among the member's, Audit among the admin's.
      expect(new Set(boxes.map((box) => Math.round(box.y))).size).toBe(2);
      for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    });
  }
});
