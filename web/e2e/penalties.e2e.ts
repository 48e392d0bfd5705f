/**
 * Mandatory chores and penalties in a real Chromium (decision 0028): an admin creates a
 * mandatory chore due in the past with no grace period; the scheduler's next tick charges
 * the member, whose points history shows it (live, without a reload); the admin waives it
 * from that history. Screenshots of the points page with a penalty at desktop, phone and
 * tablet sizes, of the chore form's Mandatory fields, and of the mandatory chore and the task list on a phone.
 */
import { DateTime } from "luxon";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, createChore, navLink, person, readInviteCode, signUp } from "./support/flows";

// A tick every second, so the penalty comes while the test waits.
const { browserFor } = chorusSuite({ env: { REMINDER_INTERVAL_SECONDS: "1" } });

test("a missed mandatory chore costs the member points once, shown in their history, and an admin waives it", async () => {
  const sam = person("sam", "Sam");
  const alex = person("alex", "Alex");
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, sam);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  // Alex earns some points first.
  const zone = "Europe/Berlin";
  const tomorrow = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(samPage, { name: "Feed the cat", due: tomorrow, points: 6, frequency: "daily", assignees: ["Alex"] }, ["Sam", "Alex"]);
  await navLink(alexPage, "Tasks").click();
  await alexPage.getByRole("button", { name: "Done: Feed the cat" }).click();
  await alexPage.getByText("“Feed the cat” done.").waitFor();
  await alexPage.getByRole("link", { name: "My points" }).click();
  await alexPage.getByRole("heading", { level: 1, name: "Your points" }).waitFor();

  // The admin makes a mandatory chore that was due yesterday, with no grace period.
  const yesterday = DateTime.now().setZone(zone).minus({ days: 1 }).set({ hour: 17, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await navLink(samPage, "Tasks").click();
  await samPage.getByRole("link", { name: "New chore" }).click();
  await samPage.getByLabel("Name").fill("Homework");
  await samPage.getByLabel("Due").fill(yesterday);
  await samPage.getByRole("checkbox", { name: "Sam", exact: true }).setChecked(false);
  await samPage.getByRole("checkbox", { name: "Alex", exact: true }).setChecked(true);
  await samPage.getByRole("checkbox", { name: /^Mandatory/ }).check();
  await samPage.getByLabel("Penalty", { exact: true }).fill("4");
  await samPage.getByLabel("Grace period").fill("0");
  await samPage.setViewportSize(DESKTOP);
  await samPage.getByRole("group", { name: "Mandatory" }).scrollIntoViewIfNeeded();
  await saveScreenshot(samPage, "penalties-chore-form-desktop");
  await samPage.getByRole("button", { name: "Create chore" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Homework" }).waitFor();
  await samPage.getByText("−4 points if not done or skipped by its due time").waitFor();
  await samPage.setViewportSize(PHONE);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "penalties-chore-phone");
  await samPage.setViewportSize(DESKTOP);

  // The next tick charges Alex; their open history refreshes on the live hint.
  const alexHistory = alexPage.getByRole("list", { name: "Points history" });
  const alexPenalty = alexHistory.getByRole("listitem").filter({ hasText: "Penalty: Homework" });
  await alexPenalty.waitFor({ timeout: 15_000 });
  expect(await alexPenalty.textContent()).toMatch(/−4\s*Penalty: Homework\s*balance 2.*Not done in time.*Missed: due/);
  expect(await alexPage.locator(".points-balance").textContent()).toBe("2 points");
  expect(await alexPage.getByRole("button", { name: /Waive/ }).count()).toBe(0);

  // The admin sees it in Alex's history, and waives it with a reason.
  await navLink(samPage, "Circle").click();
  await samPage.getByRole("region", { name: "Points" }).getByRole("link", { name: "Alex’s points history" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Alex’s points" }).waitFor();
  const samHistory = samPage.getByRole("list", { name: "Points history" });
  const samPenalty = samHistory.getByRole("listitem").filter({ hasText: "Penalty: Homework" });
  await samPenalty.waitFor();
  // Charged once, however many ticks have run since.
  await samPage.waitForTimeout(2500);
  await samPage.reload();
  await samPenalty.waitFor();
  expect(await samPenalty.count()).toBe(1);
  await saveScreenshot(samPage, "penalties-points-desktop");
  await samPage.setViewportSize(TABLET);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "penalties-points-tablet");

  await samPage.getByRole("button", { name: "Waive penalty: Homework" }).click();
  await samPage.getByLabel("Reason (optional)").fill("Homework was cancelled");
  await samPage.getByRole("button", { name: "Waive penalty", exact: true }).click();
  await samPage.getByText("Penalty waived. Alex now has 6 points.").waitFor();
  await samHistory.getByText("“Homework was cancelled”").waitFor();
  expect(await samPage.getByRole("button", { name: /^Waive penalty/ }).count()).toBe(0);

  // Alex sees it given back, on a phone, without a reload.
  await alexPage.setViewportSize(PHONE);
  const alexWaived = alexHistory.getByRole("listitem").filter({ hasText: "Penalty waived: Homework" });
  await alexWaived.waitFor({ timeout: 15_000 });
  expect(await alexWaived.textContent()).toMatch(/\+4\s*Penalty waived: Homework\s*balance 6.*by Sam for Alex.*“Homework was cancelled”/);
  await alexPenalty.getByText("Waived").waitFor();
  expect(await alexPage.locator(".points-balance").textContent()).toBe("6 points");
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "penalties-points-phone");

  // The chore stays on Alex's list, saying it is mandatory.
  await navLink(alexPage, "Tasks").click();
  const card = alexPage.getByRole("article", { name: "Homework" });
  await card.getByText("Mandatory: −4 if missed").waitFor();
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "penalties-tasks-phone");
});
