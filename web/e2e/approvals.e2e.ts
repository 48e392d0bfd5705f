/**
 * Completion approval in a real Chromium (decision 0027): an admin marks a chore as needing
 * approval, the member does it and sees it waiting, the admin approves it in the queue and the
 * member's points go up (live update); on the shared tablet a child's Done waits too.
 * Screenshots of the queue at desktop, phone and tablet sizes.
 */
import { DateTime } from "luxon";
import type { Page } from "playwright-core";
import { DESKTOP, headerLayout, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, createChore, navLink, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();

const approvalsLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals", exact: true });

test("an admin marks a chore as needing approval, the member does it, the admin approves and the member's points go up", async () => {
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, person("sam", "Sam"));
  await signUp(alexPage, person("alex", "Alex"));
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  const tomorrow = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  for (const name of ["Tidy your room", "Feed the cat"]) {
    await createChore(samPage, { name, due: tomorrow, points: 5, frequency: "daily", assignees: ["Alex"] }, ["Sam", "Alex"]);
    // The admin marks it: a member's Done now waits.
    await samPage.getByRole("link", { name: "Edit" }).click();
    await samPage.getByLabel(/Needs approval/).check();
    if (name === "Tidy your room") await saveScreenshot(samPage, "approvals-chore-form");
    await samPage.getByRole("button", { name: "Save changes" }).click();
    await samPage.getByText("A member’s Done waits for an admin or manager").waitFor();
  }
  // Members have no queue.
  await navLink(alexPage, "Tasks").click();
  expect(await approvalsLink(alexPage).count()).toBe(0);

  for (const name of ["Tidy your room", "Feed the cat"]) {
    await alexPage.getByRole("button", { name: `Done: ${name}` }).click();
    await alexPage.getByText(`“${name}” is waiting for approval.`).waitFor();
    const card = alexPage.getByRole("article", { name });
    await card.getByText("Waiting for approval").waitFor();
    expect(await card.getByRole("button", { name: `Done: ${name}` }).count()).toBe(0);
  }
  await alexPage.setViewportSize(PHONE);
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "approvals-member-waiting-phone");
  await alexPage.setViewportSize(TABLET);
  await alexPage.getByRole("link", { name: "My points" }).click();
  await alexPage.getByRole("heading", { level: 1, name: "Your points" }).waitFor();
  expect(await alexPage.locator(".points-balance").textContent()).toBe("0 points");

  // The queue, at three sizes.
  await approvalsLink(samPage).click();
  const queue = samPage.getByRole("list", { name: "Waiting for approval" });
  await queue.getByRole("link", { name: "Tidy your room" }).waitFor();
  await queue.getByRole("link", { name: "Feed the cat" }).waitFor();
  await samPage.setViewportSize(DESKTOP);
  await saveScreenshot(samPage, "approvals-queue-desktop");
  await samPage.setViewportSize(PHONE);
  expect(await overflowsSideways(samPage)).toBe(false);
  // An admin's seven page links take two rows below the brand, each a full-size target inside the width.
  const { signOut, links } = await headerLayout(samPage);
  expect(links).toHaveLength(7);
  expect(new Set(links.map((link) => Math.round(link.y))).size).toBe(2);
  for (const link of links) {
    expect(link.x + link.width).toBeLessThanOrEqual(PHONE.width);
    expect(link.y).toBeGreaterThanOrEqual(signOut.y + signOut.height);
    expect(link.height).toBeGreaterThanOrEqual(44);
  }
  await saveScreenshot(samPage, "approvals-queue-phone");
  await samPage.setViewportSize(TABLET);
  expect(await overflowsSideways(samPage)).toBe(false);
  // The buttons keep a finger-sized target on the wall tablet.
  const approveBox = await queue.getByRole("button", { name: "Approve Alex’s “Tidy your room”" }).boundingBox();
  expect(approveBox!.height).toBeGreaterThanOrEqual(44);
  await saveScreenshot(samPage, "approvals-queue-tablet");

  // One is sent back with a note; the other approved: the member's points go up without a reload.
  await queue.getByRole("button", { name: "Reject… Alex’s “Feed the cat”" }).click();
  await queue.getByLabel("What is left to do? (Alex reads this)").fill("The bowl is still empty");
  await queue.getByRole("button", { name: "Send back Alex’s “Feed the cat”" }).click();
  await samPage.getByText("Alex’s “Feed the cat” sent back.").waitFor();
  await queue.getByRole("button", { name: "Approve Alex’s “Tidy your room”" }).click();
  await samPage.getByText("Alex’s “Tidy your room” approved.").waitFor();
  await samPage.getByText("Nothing is waiting for approval.").waitFor();

  await alexPage.locator(".points-balance", { hasText: /^5 points$/ }).waitFor();
  await alexPage.getByRole("list", { name: "Points history" }).getByText("Earned: Tidy your room").waitFor();
  await navLink(alexPage, "Tasks").click();
  const fed = alexPage.getByRole("article", { name: "Feed the cat" });
  await fed.getByText("Not approved by Sam").waitFor();
  await fed.getByText(/The bowl is still empty/).waitFor();
  await fed.getByRole("button", { name: "Done: Feed the cat" }).waitFor();
  await alexPage.setViewportSize(PHONE);
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "approvals-member-rejected-phone");
  await fed.getByRole("link", { name: "Feed the cat" }).click();
  await alexPage.getByText("A member’s Done waits for an admin or manager").waitFor();
  await alexPage.getByText(/Not approved by Sam/).waitFor();
  await alexPage.setViewportSize(DESKTOP);
  await saveScreenshot(alexPage, "approvals-chore-rejected-desktop");
  // The approved one's history says who did it and who approved it.
  await navLink(alexPage, "Tasks").click();
  await alexPage.getByRole("article", { name: "Tidy your room" }).getByRole("link", { name: "Tidy your room" }).click();
  await alexPage.getByText("Done by Alex · +5 pts · approved by Sam").waitFor();
});

test("on the kitchen tablet a child's Done waits for approval, and the tile says so", async () => {
  const [kimPage, tabletPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(kimPage, person("kim", "Kim"));
  await navLink(kimPage, "Circle").click();
  const addChild = kimPage.getByRole("form", { name: "Add a child" });
  await addChild.getByLabel("Display name").fill("Robin");
  await addChild.getByLabel("Username").fill("robin");
  await addChild.getByLabel("PIN (optional)").fill("1357");
  await addChild.getByRole("button", { name: "Add child" }).click();
  await kimPage.getByText("Robin joined the circle. They sign in as “robin”.").waitFor();
  const due = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(kimPage, { name: "Water the plants", due, points: 3, frequency: "daily", assignees: ["Robin"] }, ["Kim", "Robin"]);
  await kimPage.getByRole("link", { name: "Edit" }).click();
  await kimPage.getByLabel(/Needs approval/).check();
  await kimPage.getByRole("button", { name: "Save changes" }).click();
  await kimPage.getByText("A member’s Done waits for an admin or manager").waitFor();

  await navLink(kimPage, "Circle").click();
  await kimPage.getByLabel("Tablet name").fill("Kitchen tablet");
  await kimPage.getByRole("button", { name: "Add tablet" }).click();
  const deviceToken = (await kimPage.getByTestId("new-device-token").textContent())!.trim();

  await tabletPage.setViewportSize(TABLET);
  await tabletPage.goto("/tablet");
  await tabletPage.getByLabel("Tablet token").fill(deviceToken);
  await tabletPage.getByRole("button", { name: "Use this tablet" }).click();
  await tabletPage.getByRole("list", { name: "Who are you?" }).getByRole("button", { name: "Robin" }).click();
  const pad = tabletPage.getByRole("form", { name: "PIN for Robin" });
  for (const digit of "1357") await pad.getByRole("button", { name: digit, exact: true }).click();
  await pad.getByRole("button", { name: "OK" }).click();
  const chores = tabletPage.getByRole("region", { name: "Robin’s chores" });
  await chores.getByRole("button", { name: "Done: Water the plants" }).click();
  await tabletPage.getByText("Water the plants: waiting for approval.").waitFor();
  const plants = chores.getByRole("listitem", { name: "Water the plants" });
  await plants.getByText("Waiting for approval").waitFor();
  expect(await plants.getByRole("button", { name: "Done: Water the plants" }).count()).toBe(0);
  await saveScreenshot(tabletPage, "approvals-tablet-waiting", { keepMessages: true });

  // The queue says it came through the tablet.
  await approvalsLink(kimPage).click();
  await kimPage.getByRole("list", { name: "Waiting for approval" }).getByText("Done by Robin on a tablet").waitFor();
});
