import type { Page } from "playwright-core";
import { DateTime } from "luxon";
import { headerLayout, onPhone, PHONE, saveScreenshot } from "./support/browser";
import { chorusSuite } from "./support/suite";
import {
  acceptJoinRequest,
  askToJoin,
  createChore,
  navLink,
  openTasks,
  person,
  readInviteCode,
  signIn,
  signOut,
  signUp,
  expectChoreNames,
} from "./support/flows";

const sam = person("sam", "Sam"); // admin
const alex = person("alex", "Alex"); // member
const morgan = person("morgan", "Morgan"); // manager
const everyone = ["Sam", "Alex", "Morgan"];

const { browserFor } = chorusSuite();
let samPage: Page;
let alexPage: Page;
let morganPage: Page;

const banner = (page: Page) => page.getByRole("region", { name: "Viewing tasks as another member" });
const actingAsKey = (page: Page) => page.evaluate(() => sessionStorage.getItem("chorus.actingAsUserId"));
const berlin = (days: number, hour: number) =>
  DateTime.now().setZone("Europe/Berlin").plus({ days }).set({ hour, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");

/** Whether two boxes are drawn on the same row (their middles line up). */
const onSameRow = (a: { y: number; height: number }, b: { y: number; height: number }) =>
  Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < 2;

async function expectOneRowHeader(page: Page) {
  const { brand, signOut, links } = await headerLayout(page);
  for (const box of [signOut, ...links]) expect(onSameRow(box, brand)).toBe(true);
}

/** Two rows on a phone: the brand with Sign out, then every page link side by side; all full-size targets. */
/** Page links below the account row, inside the width, on `rows` rows (an admin's seven take two). */
async function expectPhoneHeader(page: Page, linkCount: number, rows = 1) {
  const { brand, signOut, links } = await headerLayout(page);
  expect(onSameRow(signOut, brand)).toBe(true);
  expect(links).toHaveLength(linkCount);
  expect(new Set(links.map((link) => Math.round(link.y))).size).toBe(rows);
  for (const link of links) {
    expect(link.y).toBeGreaterThanOrEqual(signOut.y + signOut.height);
    expect(link.x + link.width).toBeLessThanOrEqual(PHONE.width);
  }
  for (const target of [brand, signOut, ...links]) expect(target.height).toBeGreaterThanOrEqual(44);
}

async function chooseUserNames(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: /^(Choose|Change) User$/ }).click();
  const list = page.getByRole("list", { name: "Members you can view tasks as" });
  await list.waitFor();
  return (await list.getByRole("button").allTextContents()).map((text) => text.trim());
}

beforeAll(async () => {
  [samPage, alexPage, morganPage] = await Promise.all([browserFor(), browserFor(), browserFor()]);
});

test("an admin gets two people to join and makes one a manager", async () => {
  await signUp(samPage, sam);
  const inviteCode = await readInviteCode(samPage);

  await signUp(alexPage, alex);
  await askToJoin(alexPage, inviteCode);
  await signUp(morganPage, morgan);
  await askToJoin(morganPage, inviteCode);

  await samPage.reload();
  await acceptJoinRequest(samPage, "Alex");
  await acceptJoinRequest(samPage, "Morgan");
  await samPage.getByLabel("Role of Morgan").selectOption("manager");
  await samPage.getByText("Morgan is now manager.").waitFor();
  await saveScreenshot(samPage, "members");
});

test("the admin creates chores for everyone", async () => {
  await createChore(samPage, { name: "Feed the cat", due: berlin(-1, 8), assignees: ["Alex"], points: 2, frequency: "daily" }, everyone);
  await createChore(samPage, { name: "Pay the bills", due: berlin(1, 18), assignees: ["Sam"] }, everyone);
  await createChore(samPage, { name: "Vacuum the stairs", due: berlin(2, 10), assignees: ["Morgan"] }, everyone);

  await openTasks(samPage);
  await expectChoreNames(samPage, ["Pay the bills"]);
  await samPage.getByRole("button", { name: "All tasks" }).click();
  await samPage.getByRole("heading", { level: 1, name: "All tasks" }).waitFor();
  await expectChoreNames(samPage, ["Feed the cat", "Pay the bills", "Vacuum the stairs"]);

  await samPage.getByRole("button", { name: "Start: Pay the bills" }).click();
  await samPage.getByRole("button", { name: "Pause: Pay the bills" }).waitFor();
  const timer = samPage.getByRole("article", { name: "Pay the bills" }).getByRole("timer");
  const startedAt = await timer.textContent();
  await samPage.waitForTimeout(1500);
  expect(await timer.textContent()).not.toBe(startedAt);
  await saveScreenshot(samPage, "tasks");
  await samPage.getByRole("button", { name: "Pause: Pay the bills" }).click();
  await samPage.getByRole("button", { name: "Resume: Pay the bills" }).waitFor();

  await expectOneRowHeader(samPage);
  await onPhone(samPage, async () => {
    // Tasks, Circle, Rewards, Approvals, Stats, Settings, Audit.
    await expectPhoneHeader(samPage, 7, 2);
    await saveScreenshot(samPage, "tasks-phone");
  });
});

test("a member has no View tasks as panel", async () => {
  await alexPage.goto("/");
  await alexPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await expectChoreNames(alexPage, ["Feed the cat"]);
  expect(await alexPage.getByRole("heading", { name: "View tasks as" }).count()).toBe(0);
});

test("the admin views tasks as the member, sees the banner on every page and completes a task for them", async () => {
  await openTasks(samPage);
  expect(await chooseUserNames(samPage)).toEqual(["Alex member", "Morgan manager"]);
  await samPage.getByRole("radio", { name: "View and act" }).check();
  await samPage.getByRole("button", { name: /Alex/ }).click();

  await samPage.getByText("You are now viewing tasks as Alex.", { exact: false }).waitFor();
  await banner(samPage).getByText("Acting as Alex").waitFor();
  await samPage.getByRole("heading", { level: 1, name: "Alex’s tasks" }).waitFor();
  await expectChoreNames(samPage, ["Feed the cat"]);
  expect(await samPage.getByRole("button", { name: "All tasks" }).count()).toBe(0);
  expect(await actingAsKey(samPage)).not.toBeNull();
  await saveScreenshot(samPage, "view-as-banner", { keepMessages: true });
  await onPhone(samPage, async () => {
    await expectPhoneHeader(samPage, 4);
    await saveScreenshot(samPage, "view-as-phone");
  });

  // Every page keeps the banner; admin pages are out of reach while acting as a member.
  await navLink(samPage, "Circle").click();
  await samPage.getByRole("heading", { name: "Members" }).waitFor();
  expect(await banner(samPage).isVisible()).toBe(true);
  expect(await navLink(samPage, "Audit").count()).toBe(0);
  await samPage.goto("/audit");
  await samPage.getByText(/not available while you view tasks as Alex/).waitFor();
  expect(await banner(samPage).isVisible()).toBe(true);

  await openTasks(samPage);
  await samPage.getByRole("link", { name: "Feed the cat" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Feed the cat" }).waitFor();
  expect(await banner(samPage).isVisible()).toBe(true);
  await samPage.getByRole("button", { name: "Add note" }).click();
  await samPage.getByLabel("Note for Done or Skip (optional)").fill("Alex was at football");
  await samPage.getByRole("button", { name: "Done for Alex: Feed the cat" }).click();
  await samPage.getByText("Done for Alex: “Feed the cat”.").waitFor();
  await samPage.getByText("Done by Sam for Alex").waitFor();
  await saveScreenshot(samPage, "history");

  await banner(samPage).getByRole("button", { name: "Exit impersonation" }).click();
  await samPage.getByText("You are back to your own tasks.").waitFor();
  expect(await banner(samPage).count()).toBe(0);
  expect(await actingAsKey(samPage)).toBeNull();
  await openTasks(samPage);
  await samPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await expectChoreNames(samPage, ["Pay the bills"]);
});

test("the member sees the completion credited to them, done by the admin", async () => {
  await alexPage.goto("/");
  await alexPage.getByRole("link", { name: "Feed the cat" }).click();
  await alexPage.getByText("Done by Sam for Alex").waitFor();
  await navLink(alexPage, "Circle").click();
  await alexPage.getByRole("region", { name: "Points" }).getByText("2 points").waitFor();
});

test("the audit log shows who did what as whom", async () => {
  await navLink(samPage, "Audit").click();
  await samPage.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
  await samPage.getByRole("row").filter({ hasText: "chore.completed" }).first().waitFor();
  await saveScreenshot(samPage, "audit");
  await samPage.getByLabel("Who (real person)").selectOption({ label: "Sam" });
  await samPage.getByLabel("Acting as").selectOption({ label: "Alex" });
  await samPage.getByRole("button", { name: "Filter" }).click();
  const completed = samPage.getByRole("row").filter({ hasText: "chore.completed" });
  await completed.first().waitFor();
  const cells = (await completed.first().getByRole("cell").allTextContents()).map((text) => text.trim());
  expect(cells.slice(1, 6)).toEqual(["Sam", "Alex", "chore.completed", "Feed the cat", "Allowed"]);
  expect(await samPage.getByRole("row").filter({ hasText: "user.signed_up" }).count()).toBe(0);
});

test("a manager cannot pick an admin, and signing out ends View tasks as", async () => {
  await morganPage.goto("/");
  await morganPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  expect(await chooseUserNames(morganPage)).toEqual(["Alex member"]);

  await morganPage.getByRole("button", { name: /Alex/ }).click();
  await banner(morganPage).getByText("Viewing Alex’s tasks — view only").waitFor();
  expect(await actingAsKey(morganPage)).not.toBeNull();

  await signOut(morganPage);
  expect(await actingAsKey(morganPage)).toBeNull();
  await signIn(morganPage, morgan);
  expect(await banner(morganPage).count()).toBe(0);
  await expectChoreNames(morganPage, ["Vacuum the stairs"]);
});

test("when the admin turns View tasks as off, an ongoing session ends with a message", async () => {
  await morganPage.getByRole("button", { name: "Choose User" }).click();
  await morganPage.getByRole("button", { name: /Alex/ }).click();
  await banner(morganPage).getByText("Viewing Alex’s tasks — view only").waitFor();

  await navLink(samPage, "Settings").click();
  await samPage.getByRole("switch", { name: /Allow “View tasks as”/ }).uncheck();
  await samPage.getByRole("button", { name: "Save settings" }).click();
  await samPage.getByText("Circle settings saved.").waitFor();

  // No reload: the settings change reaches Morgan's open tab as a live update.
  await morganPage.getByText(/"View tasks as" has ended/).waitFor();
  expect(await banner(morganPage).count()).toBe(0);
  expect(await actingAsKey(morganPage)).toBeNull();
  await morganPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await morganPage.getByText("An admin has turned off “View tasks as” for this circle.").waitFor();
});

test("a member removed from the circle starts their own", async () => {
  await navLink(samPage, "Circle").click();
  await samPage.getByRole("button", { name: "Remove…" }).last().waitFor();
  const alexRow = samPage.getByRole("listitem").filter({ hasText: "@alex" });
  await alexRow.getByRole("button", { name: "Remove…" }).click();
  await alexRow.getByRole("button", { name: "Remove Alex" }).click();
  await samPage.getByText("Alex was removed from the circle.").waitFor();

  await alexPage.goto("/");
  await alexPage.getByRole("heading", { level: 1, name: "Welcome to Chorus" }).waitFor();
  await alexPage.getByLabel("Circle name").fill("Alex's flat");
  await alexPage.getByRole("button", { name: "Create circle" }).click();
  await alexPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await navLink(alexPage, "Circle").click();
  await alexPage.getByRole("heading", { level: 1, name: "Alex's flat" }).waitFor();
});
