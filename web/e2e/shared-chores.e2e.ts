/**
 * Shared chores in a real Chromium (decision 0035): an admin makes an *everyone* chore for three
 * (the list reads "1 of 3 done · left: Alex, Kim" after his part) and an *anyone* chore for two;
 * Alex claims and releases it in the web app, and the child Kim claims it and does her part on
 * the wall tablet. Screenshots at desktop, phone and tablet sizes.
 */
import { DateTime } from "luxon";
import type { Page } from "playwright-core";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, navLink, openTasks, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();
const heightOf = async (page: Page, name: string) => (await page.getByRole("button", { name }).boundingBox())!.height;

async function createShared(page: Page, name: string, mode: RegExp, assignees: string[], due: string) {
  await navLink(page, "Tasks").click();
  await page.getByRole("link", { name: "New chore" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Repeats").selectOption("daily");
  await page.getByLabel("Due").fill(due);
  for (const who of ["Sam", "Alex", "Kim"])
    await page.getByRole("checkbox", { name: who, exact: true }).setChecked(assignees.includes(who));
  await page.getByRole("radio", { name: mode }).check();
  // Rotation's own fields go; the explanation is read with the choice.
  expect(await page.getByLabel("After each completion, assign").count()).toBe(0);
}

test("everyone and anyone chores: parts and who is left, claim and release, and the child on the tablet", async () => {
  const [samPage, alexPage, tabletPage] = await Promise.all([browserFor(), browserFor(), browserFor()]);
  await Promise.all([samPage.setViewportSize(DESKTOP), alexPage.setViewportSize(DESKTOP), tabletPage.setViewportSize(TABLET)]);
  await signUp(samPage, person("sam", "Sam"));
  await signUp(alexPage, person("alex", "Alex"));
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");
  await navLink(samPage, "Circle").click();
  const addChild = samPage.getByRole("form", { name: "Add a child" });
  await addChild.getByLabel("Display name").fill("Kim");
  await addChild.getByLabel("Username").fill("kim");
  await addChild.getByLabel("PIN (optional)").fill("1357");
  await addChild.getByRole("button", { name: "Add child" }).click();
  await samPage.getByText("Kim joined the circle.", { exact: false }).waitFor();
  await samPage.getByLabel("Tablet name").fill("Hall tablet");
  await samPage.getByRole("button", { name: "Add tablet" }).click();
  const deviceToken = (await samPage.getByTestId("new-device-token").textContent())!.trim();
  await samPage.getByRole("status", { name: "New tablet token" }).getByRole("button", { name: "Done" }).click();

  const tomorrow = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createShared(samPage, "Tidy up", /^Everyone/, ["Sam", "Alex", "Kim"], tomorrow);
  await saveScreenshot(samPage, "shared-chores-form-desktop");
  await samPage.getByRole("button", { name: "Create chore" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Tidy up" }).waitFor();
  await createShared(samPage, "Walk the dog", /^Anyone/, ["Alex", "Kim"], tomorrow);
  await samPage.getByLabel(/Only whoever claimed it may mark it done/).check();
  await samPage.getByRole("button", { name: "Create chore" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Walk the dog" }).waitFor();

  // Sam does his part: the card says how many are done and who is left.
  await openTasks(samPage);
  const tidy = samPage.getByRole("article", { name: "Tidy up" });
  await tidy.getByText("0 of 3 done · left: Sam, Alex, Kim").waitFor();
  await samPage.getByRole("button", { name: "Done: Tidy up" }).click();
  await samPage.getByText("“Tidy up” done.").waitFor();
  await samPage.getByRole("button", { name: "All tasks" }).click();
  await samPage.getByRole("article", { name: "Tidy up" }).getByText("1 of 3 done · left: Alex, Kim").waitFor();
  // Sam is not in the pool: he sees it open, without a Claim of his own.
  const dog = samPage.getByRole("article", { name: "Walk the dog" });
  await dog.getByText("Open", { exact: true }).waitFor();
  expect(await dog.getByRole("button", { name: /^Claim/ }).count()).toBe(0);
  await saveScreenshot(samPage, "shared-chores-tasks-desktop");

  // Alex claims the open chore, then releases it.
  await openTasks(alexPage);
  const alexDog = alexPage.getByRole("article", { name: "Walk the dog" });
  await alexDog.getByText("Open").waitFor();
  await alexPage.getByRole("button", { name: "Claim: Walk the dog" }).click();
  await alexDog.getByText("Claimed by Alex").waitFor();
  await alexPage.getByRole("button", { name: "Release: Walk the dog" }).waitFor();
  await alexPage.setViewportSize(PHONE);
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "shared-chores-tasks-phone");
  await alexPage.getByRole("button", { name: "Release: Walk the dog" }).click();
  await alexPage.getByRole("button", { name: "Claim: Walk the dog" }).waitFor();

  // Kim at the wall: claims the dog walk, and does her part of tidying up.
  await tabletPage.goto(`/tablet#token=${deviceToken}`);
  await tabletPage.getByRole("list", { name: "Who are you?" }).getByRole("button", { name: "Kim" }).click();
  const pad = tabletPage.getByRole("form", { name: "PIN for Kim" });
  for (const digit of "1357") await pad.getByRole("button", { name: digit, exact: true }).click();
  await pad.getByRole("button", { name: "OK" }).click();
  await tabletPage.getByText("1 of 3 done · left: Alex, you").waitFor();
  await tabletPage.getByRole("button", { name: "Claim: Walk the dog" }).click();
  await tabletPage.getByText("Claimed by you").waitFor();
  expect(await heightOf(tabletPage, "Release: Walk the dog")).toBeGreaterThanOrEqual(44);
  expect(await overflowsSideways(tabletPage)).toBe(false);
  await saveScreenshot(tabletPage, "shared-chores-tablet");
  await tabletPage.getByRole("button", { name: "Done: Tidy up" }).click();
  await tabletPage.getByText("Tidy up: done!").waitFor();

  // Back in the web app the claim and the parts follow.
  await alexPage.reload();
  await alexPage.getByRole("article", { name: "Tidy up" }).getByText("2 of 3 done · left: Alex").waitFor();
  expect(await alexPage.getByRole("article", { name: "Walk the dog" }).count()).toBe(0);

  // Sam, an admin, skips the rest of the occurrence for everyone: the next one starts with nobody done.
  await samPage.reload();
  await samPage.getByRole("button", { name: "All tasks" }).click();
  await samPage.getByRole("button", { name: "Skip for everyone: Tidy up" }).click();
  await samPage.getByText("“Tidy up” skipped for everyone.").waitFor();
  await samPage.getByRole("article", { name: "Tidy up" }).getByText("0 of 3 done · left: Sam, Alex, Kim").waitFor();
});
