import type { Browser } from "playwright-core";
import { PHONE, launchChromium, newPerson, pageErrors } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";
import { acceptJoinRequest, createChore, expectChoreNames, navLink, person, signUp } from "./support/flows";

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

test("an admin sends the invite link; a new person signs up from it on a phone, waits, is accepted and sees household tasks", async () => {
  const samContext = await newPerson(browser, chorus.baseUrl);
  await samContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: chorus.baseUrl });
  const sam = await samContext.newPage();
  await signUp(sam, person("sam", "Sam"));

  // A new circle: the checklist leads, and there is no one to view tasks as yet.
  const checklist = sam.getByRole("region", { name: "Getting started" });
  await checklist.getByText("0 of 3 done").waitFor();
  expect(await sam.getByRole("heading", { name: "View tasks as" }).count()).toBe(0);
  await createChore(sam, { name: "Feed the cat", frequency: "daily" }, ["Sam"]);

  await navLink(sam, "Circle").click();
  const invite = sam.getByRole("region", { name: "Invite someone" });
  await invite.getByRole("button", { name: "Copy link" }).click();
  await invite.getByRole("button", { name: "Copied" }).waitFor();
  const link = await sam.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${chorus.baseUrl}/join#code=[A-Z0-9]{12}$`));
  expect(await invite.getByTestId("invite-link").textContent()).toBe(link);
  const qr = await invite.getByRole("img", { name: /QR code of the invite link/ }).boundingBox();
  expect(qr!.width).toBeGreaterThan(100);
  expect(qr!.width).toBeLessThanOrEqual(256);

  const robinContext = await newPerson(browser, chorus.baseUrl);
  const robin = await robinContext.newPage();
  await robin.setViewportSize(PHONE);
  await robin.goto(link);
  await robin.getByRole("heading", { level: 1, name: "Join Sam's circle" }).waitFor();
  expect(await robin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await robin.getByLabel("Username").fill("robin");
  await robin.getByLabel("Email").fill("robin@example.com");
  await robin.getByLabel("Display name (optional)").fill("Robin");
  await robin.getByLabel("Password").fill("robin-secret-pw");
  await robin.getByRole("button", { name: "Create account" }).click();

  // Straight to the pending request: no circle of their own on the way.
  await robin.getByRole("heading", { level: 1, name: "Waiting for Sam's circle to accept you" }).waitFor();
  expect(new URL(robin.url()).pathname).toBe("/welcome");
  expect(await robin.getByRole("navigation", { name: "Main" }).count()).toBe(0);

  await acceptJoinRequest(sam, "Robin");

  // The live update moves Robin in without a reload.
  await robin.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await robin.getByRole("button", { name: "All tasks" }).click();
  await expectChoreNames(robin, ["Feed the cat"]);

  // Sam's checklist ticked the invite and the chore; Robin is someone to view tasks as.
  await navLink(sam, "Tasks").click();
  await checklist.getByText("2 of 3 done").waitFor();
  await sam.getByRole("heading", { name: "View tasks as" }).waitFor();

  await robinContext.close();
  await samContext.close();
});

test("an invite link that does not work says so", async () => {
  const context = await newPerson(browser, chorus.baseUrl);
  const page = await context.newPage();
  await page.goto("/join#code=NOSUCHCODE00");
  await page.getByRole("heading", { level: 1, name: "This invite link does not work" }).waitFor();
  await context.close();
});
