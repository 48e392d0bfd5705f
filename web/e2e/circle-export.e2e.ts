/**
 * Circle export (decision 0042) in a real Chromium: the admin's Circle settings page downloads
 * the circle as JSON and one kind as CSV, with the sign-in's token. Screenshots on a phone,
 * a desktop and in the dark scheme.
 */
import { readFileSync } from "node:fs";
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
