/**
 * Away mode in a real Chromium (decision 0034): a member sets their away days on the
 * Account page; their chore then reads "Away until …" on the task list, which lists who is
 * away; the admin pauses the whole circle in the circle settings and sets a member's days
 * on the circle page. Screenshots of the Account section and the task list at desktop,
 * phone and tablet sizes, and of the circle pause and the admin's control.
 */
import { DateTime } from "luxon";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, createChore, navLink, openTasks, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();

const day = (offset: number) => DateTime.now().plus({ days: offset }).toISODate();

test("a member sets away days, their chore reads Away until …, and an admin pauses the circle", async () => {
  const sam = person("sam", "Sam");
  const alex = person("alex", "Alex");
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, sam);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");
  const tomorrow = DateTime.now().plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(samPage, { name: "Feed the cat", due: tomorrow, frequency: "daily", assignees: ["Alex"] }, ["Sam", "Alex"]);

  // Alex sets their own days on the Account page.
  await alexPage.getByRole("link", { name: "Account" }).click();
  const section = alexPage.getByRole("region", { name: "Away" });
  await section.getByText("None set.").waitFor();
  await section.getByLabel("First day").fill(day(0));
  await section.getByLabel("Last day").fill(day(3));
  await section.getByRole("button", { name: "Add" }).click();
  const list = alexPage.getByRole("list", { name: "Your away days" });
  await list.getByRole("listitem").first().waitFor();
  expect(await list.getByRole("listitem").count()).toBe(1);
  for (const [size, name] of [
    [DESKTOP, "away-account-desktop"],
    [PHONE, "away-account-phone"],
    [TABLET, "away-account-tablet"],
  ] as const) {
    await alexPage.setViewportSize(size);
    expect(await overflowsSideways(alexPage)).toBe(false);
    await section.scrollIntoViewIfNeeded();
    await saveScreenshot(alexPage, name);
  }

  // The task list: the chore is not due for Alex, and the list says who is away.
  await openTasks(alexPage);
  const card = alexPage.getByRole("article", { name: "Feed the cat" });
  await card.getByText(/^Away until /).waitFor();
  await alexPage.getByRole("region", { name: "Away" }).getByText("Alex").waitFor();
  for (const [size, name] of [
    [DESKTOP, "away-tasks-desktop"],
    [PHONE, "away-tasks-phone"],
    [TABLET, "away-tasks-tablet"],
  ] as const) {
    await alexPage.setViewportSize(size);
    expect(await overflowsSideways(alexPage)).toBe(false);
    await saveScreenshot(alexPage, name);
  }

  // Sam pauses the whole circle for a day in the circle settings.
  await navLink(samPage, "Settings").click();
  const pause = samPage.getByRole("region", { name: "Circle pause" });
  await pause.getByLabel("First day").fill(day(10));
  await pause.getByLabel("Last day").fill(day(10));
  await pause.getByRole("button", { name: "Add" }).click();
  await samPage.getByRole("list", { name: "Circle paused" }).getByRole("listitem").waitFor();
  await samPage.setViewportSize(PHONE);
  await pause.scrollIntoViewIfNeeded();
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "away-circle-pause-phone");

  // And sees Alex's days on the circle page, where an admin sets any member's.
  await samPage.setViewportSize(DESKTOP);
  await navLink(samPage, "Circle").click();
  const control = samPage.getByRole("region", { name: "Members’ away days" });
  await control.getByLabel("Member").selectOption({ label: "Alex" });
  await samPage.getByRole("list", { name: "Alex away" }).getByRole("listitem").waitFor();
  await control.scrollIntoViewIfNeeded();
  await saveScreenshot(samPage, "away-members-desktop");
});
