import type { Browser, Page } from "playwright-core";
import { launchChromium, newPerson, pageErrors } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";
import { askToJoin, createChore, expectChoreNames, navLink, person, readInviteCode, signUp } from "./support/flows";

let chorus: RunningChorus;
let browser: Browser;

beforeAll(async () => {
  [chorus, browser] = await Promise.all([startChorus(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await chorus?.stop();
  expect(pageErrors).toEqual([]);
});

/** Marks the page so a later check can tell it was never reloaded. */
async function markLoaded(page: Page) {
  await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
}

test("an admin's changes reach the other person's open tab without a reload", async () => {
  const samWindow = await newPerson(browser, chorus.baseUrl);
  const alexWindow = await newPerson(browser, chorus.baseUrl);
  const sam = await samWindow.newPage();
  const alex = await alexWindow.newPage();
  const streams: string[] = [];
  for (const page of [sam, alex]) page.on("request", (request) => request.url().endsWith("/api/v1/events") && streams.push(request.url()));

  await signUp(sam, person("sam", "Sam"));
  await signUp(alex, person("alex", "Alex"));
  const inviteCode = await readInviteCode(sam);
  const samCircle = (await sam.getByRole("heading", { level: 1 }).textContent())!;
  await markLoaded(sam);

  // Alex asks to join; the request shows up on Sam's open Circle page by itself.
  await askToJoin(alex, inviteCode);
  await markLoaded(alex);
  await sam.getByRole("button", { name: "Accept Alex" }).click();
  await sam.getByText("Alex joined the circle.").waitFor();

  // Alex's page, still showing their old circle, moves into Sam's.
  await alex.getByRole("heading", { level: 1, name: samCircle }).waitFor();
  expect(await alex.getByTestId("invite-code").count()).toBe(0);

  // Sam makes Alex a manager: the invite code, shown to managers, appears for Alex.
  await sam.getByRole("combobox", { name: "Role of Alex" }).selectOption("manager");
  await alex.getByTestId("invite-code").waitFor();

  // A chore Sam assigns to Alex appears on Alex's open task list.
  await navLink(alex, "Tasks").click();
  await alex.locator(".task-groups, .empty").first().waitFor();
  await createChore(sam, { name: "Take out the bins", assignees: ["Alex"] }, ["Sam", "Alex"]);
  await expectChoreNames(alex, ["Take out the bins"]);

  await expectNotReloaded(sam);
  await expectNotReloaded(alex);
  expect(streams.length).toBeGreaterThanOrEqual(2);
  await samWindow.close();
  await alexWindow.close();
});
