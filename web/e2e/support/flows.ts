/** Steps people take in the app, written against what they see (labels, roles, text). */
import type { Page } from "playwright-core";

export interface Person {
  username: string;
  displayName: string;
  password: string;
}

/** A link in the main navigation (page content has links with similar names). */
export function navLink(page: Page, name: "Tasks" | "Circle" | "Settings" | "Audit") {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
}

export function person(username: string, displayName: string): Person {
  return { username, displayName, password: `${username}-secret-pw` };
}

export async function signUp(page: Page, who: Person): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Email").fill(`${who.username}@example.com`);
  await page.getByLabel("Display name (optional)").fill(who.displayName);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
}

export async function signIn(page: Page, who: Person): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Username or email").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
}

export async function readInviteCode(page: Page): Promise<string> {
  await navLink(page, "Circle").click();
  const code = await page.getByTestId("invite-code").textContent();
  if (!code) throw new Error("No invite code shown");
  return code.trim();
}

export async function askToJoin(page: Page, inviteCode: string): Promise<void> {
  await navLink(page, "Circle").click();
  await page.getByRole("textbox", { name: "Invite code" }).fill(inviteCode);
  await page.getByRole("button", { name: "Ask to join" }).click();
  await page.getByText("Request sent.").waitFor();
}

export async function acceptJoinRequest(page: Page, displayName: string): Promise<void> {
  await navLink(page, "Circle").click();
  await page.getByRole("button", { name: `Accept ${displayName}` }).click();
  await page.getByText(`${displayName} joined the circle.`).waitFor();
}

export interface NewChore {
  name: string;
  /** "YYYY-MM-DDTHH:mm" in the circle's zone. */
  due?: string;
  /** Display names; replaces the default (the creator). */
  assignees?: string[];
  points?: number;
  frequency?: "once" | "daily";
}

export async function createChore(page: Page, chore: NewChore, everyone: string[]): Promise<void> {
  await navLink(page, "Tasks").click();
  await page.getByRole("link", { name: "New chore" }).click();
  await page.getByLabel("Name").fill(chore.name);
  if (chore.frequency) await page.getByLabel("Repeats").selectOption(chore.frequency);
  if (chore.due) await page.getByLabel("Due").fill(chore.due);
  if (chore.assignees) {
    for (const name of everyone) await page.getByRole("checkbox", { name, exact: true }).setChecked(chore.assignees.includes(name));
  }
  if (chore.points !== undefined) await page.getByLabel("Points").fill(String(chore.points));
  await page.getByRole("button", { name: "Create chore" }).click();
  await page.getByRole("heading", { level: 1, name: chore.name }).waitFor();
}

export async function openTasks(page: Page): Promise<void> {
  await navLink(page, "Tasks").click();
  await page.locator(".task-groups, .empty").first().waitFor();
}

/** Names of the chores on the task list, in order. */
/**
 * Expects the task list to show exactly `expected`. The list may first show cached data
 * while it refetches (after a create or a switch of "view as"), so it is read until it
 * matches or 15 s have passed (a busy machine), and the last reading is what the assertion sees.
 */
export async function expectChoreNames(page: Page, expected: string[]): Promise<void> {
  await page.locator(".task-groups, .empty").first().waitFor();
  const deadline = Date.now() + 15_000;
  let names = await page.locator(".chore-card h3").allTextContents();
  while (JSON.stringify(names) !== JSON.stringify(expected) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    names = await page.locator(".chore-card h3").allTextContents();
  }
  expect(names).toEqual(expected);
}
