/**
 * Circle export (decision 0042) in a real Chromium: the admin's Circle settings page downloads
 * the circle as JSON and one kind as CSV, with the sign-in's token; an export imported into a
 * new circle brings its members, and one claims their account with the admin's one-time link
 * (decision 0045). Screenshots on a phone, a desktop and in the dark scheme.
 */
import { readFileSync } from "node:fs";
import { createClient } from "@chorus/shared";
import type { Page } from "playwright-core";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot } from "./support/browser";
import { person, signUp } from "./support/flows";
import { chorusSuite } from "./support/suite";

const suite = chorusSuite();

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

it("downloads the circle as JSON and a kind as CSV from Circle settings, on a phone, a desktop and in the dark", async () => {
  const page = await suite.browserFor();
  const sam = person("sam", "Sam");
  await signUp(page, sam);
  await page.goto("/circle/settings");
  const section = page.getByRole("region", { name: "Export and import" });
  await section.waitFor();

  const json = await download(page, "Download JSON");
  expect(json.name).toMatch(/^chorus-circle-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(json.text)).toMatchObject({ format: "chorus-circle-export", version: 1, people: [{ username: "sam" }] });

  await page.getByLabel("CSV of").selectOption("members");
  const csv = await download(page, "Download CSV");
  expect(csv.name).toMatch(/-members\.csv$/);
  expect(csv.text).toContain("userId,username,displayName");

  for (const [name, viewport] of [
    ["circle-export-desktop", DESKTOP],
    ["circle-export-phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await section.scrollIntoViewIfNeeded();
    expect(await overflowsSideways(page)).toBe(false);
    await saveScreenshot(page, name);
  }
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "circle-export-phone-dark");
});

it("imports an export into a new circle; an imported member claims their account with the admin's link and signs in", async () => {
  // The old circle, on "another instance": Kim and Alex, exported through the API.
  const signUpByApi = async (username: string, displayName: string) => {
    const client = createClient({ baseUrl: suite.chorus.baseUrl });
    const { token, user } = await client.auth.signup({
      username,
      email: `${username}@example.com`,
      password: `${username}-pw-secret`,
      displayName,
    });
    client.setToken(token);
    return { client, user };
  };
  const kim = await signUpByApi("kim", "Kim");
  const alex = await signUpByApi("alex", "Alex");
  await alex.client.circles.join({ inviteCode: (await kim.client.circles.current()).inviteCode! });
  await kim.client.circles.accept(alex.user.id);
  const exported = await kim.client.circles.exportData();

  const page = await suite.browserFor();
  await signUp(page, person("pat", "Pat"));
  await page.goto("/circle/settings");
  await page
    .getByLabel("Import a circle export")
    .setInputFiles({ name: "circle.json", mimeType: "application/json", buffer: Buffer.from(exported) });
  await page.getByText(/^Imported 2 people/).waitFor();

  await page.goto("/circle");
  const row = page.getByRole("listitem").filter({ hasText: "Alex" });
  await row.getByText("Not signed in yet").waitFor();
  await row.getByRole("button", { name: "Make a sign-in link for Alex" }).click();
  const link = (await page.getByTestId("claim-link").textContent())!;
  expect(link).toMatch(/\/claim#[\w-]{40,}$/);
  await page.setViewportSize(DESKTOP);
  await saveScreenshot(page, "claim-link-desktop");

  const alexPage = await suite.browserFor();
  await alexPage.setViewportSize(PHONE);
  await alexPage.goto(link);
  await alexPage.getByRole("heading", { level: 1, name: "Choose your password" }).waitFor();
  expect(new URL(alexPage.url()).hash).toBe("");
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "claim-phone");
  await alexPage.getByLabel("New password").fill("alex-new-secret");
  await alexPage.getByRole("button", { name: "Save and sign in" }).click();
  await alexPage.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
});
