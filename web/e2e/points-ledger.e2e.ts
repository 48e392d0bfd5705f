/**
 * The points ledger in a real Chromium (decision 0025): a member earns points, an admin
 * adjusts them with a reason from the member's points history, and the member sees both in
 * their own history, with who did what. Screenshots of the history page at desktop, phone
 * and tablet sizes.
 */
import { DateTime } from "luxon";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, createChore, navLink, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();

test("an admin adjusts a member's points with a reason, and the member sees it in their history", async () => {
  const sam = person("sam", "Sam");
  const alex = person("alex", "Alex");
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, sam);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  const tomorrow = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).set({ hour: 18, minute: 0 }).toFormat("yyyy-LL-dd'T'HH:mm");
  await createChore(samPage, { name: "Feed the cat", due: tomorrow, points: 4, frequency: "daily", assignees: ["Alex"] }, ["Sam", "Alex"]);

  await navLink(alexPage, "Tasks").click();
  await alexPage.getByRole("button", { name: "Done: Feed the cat" }).click();
  await alexPage.getByText("“Feed the cat” done.").waitFor();

  // The admin opens Alex's history from the leaderboard and adjusts.
  await navLink(samPage, "Circle").click();
  await samPage.getByRole("region", { name: "Points" }).getByRole("link", { name: "Alex’s points history" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Alex’s points" }).waitFor();
  const samHistory = samPage.getByRole("list", { name: "Points history" });
  await samHistory.getByText("Feed the cat").waitFor();
  const form = samPage.getByRole("form", { name: "Adjust Alex’s points" });
  await form.getByLabel("Amount").fill("3");
  await form.getByLabel("Reason").fill("Helped carry the shopping");
  await form.getByRole("button", { name: "Adjust points" }).click();
  await samPage.getByText("Alex now has 7 points.").waitFor();
  await samHistory.getByText("“Helped carry the shopping”").waitFor();

  // Side by side on a desktop: the history, and the form beside it.
  await samPage.setViewportSize(DESKTOP);
  const historyBox = await samPage.getByRole("region", { name: "History" }).boundingBox();
  const formBox = await samPage.getByRole("region", { name: "Adjust points" }).boundingBox();
  expect(formBox!.x).toBeGreaterThan(historyBox!.x + historyBox!.width - 1);
  expect(formBox!.y).toBeCloseTo(historyBox!.y, -1);
  await saveScreenshot(samPage, "points-history-desktop");
  await samPage.setViewportSize(TABLET);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "points-history-tablet");

  // The member opens their own history from the tasks page.
  await navLink(alexPage, "Tasks").click();
  await alexPage.setViewportSize(PHONE);
  await alexPage.getByRole("link", { name: "My points" }).waitFor();
  await saveScreenshot(alexPage, "tasks-my-points-phone");
  await alexPage.setViewportSize(TABLET);
  await alexPage.getByRole("link", { name: "My points" }).click();
  await alexPage.getByRole("heading", { level: 1, name: "Your points" }).waitFor();
  const alexHistory = alexPage.getByRole("list", { name: "Points history" });
  const [adjusted, earned] = await alexHistory.getByRole("listitem").all();
  expect(await adjusted!.textContent()).toMatch(/\+3\s*Adjusted\s*balance 7.*by Sam for Alex.*“Helped carry the shopping”/);
  expect(await earned!.textContent()).toMatch(/\+4\s*Earned: Feed the cat\s*balance 4.*by Alex/);
  expect(await alexPage.getByRole("form", { name: /Adjust/ }).count()).toBe(0);
  expect(await alexPage.locator(".points-balance").textContent()).toBe("7 points");

  // On a phone the entries wrap inside the window: amount, then the words.
  await alexPage.setViewportSize(PHONE);
  expect(await overflowsSideways(alexPage)).toBe(false);
  const amountBox = await adjusted!.locator(".points-history__amount").boundingBox();
  expect(amountBox!.x + amountBox!.width).toBeLessThan(PHONE.width);
  await saveScreenshot(alexPage, "points-history-phone");
});
