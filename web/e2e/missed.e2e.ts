/**
 * Missed occurrences in a real Chromium (decision 0031): an admin creates a daily chore for a
 * member, due yesterday and to be done within an hour; the scheduler's next tick records it
 * missed, once. The chore's history shows it with the occurrence's due date, and Stats counts
 * it in the summary and the on time / late / skipped / missed table. Screenshots of the chore
 * form's window field, of the chore with its history at desktop, phone and tablet sizes, and of Stats.
 */
import { DateTime } from "luxon";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, navLink, person, readInviteCode, signUp } from "./support/flows";

// A tick every second, so the miss is recorded while the test waits.
const { browserFor } = chorusSuite({ env: { REMINDER_INTERVAL_SECONDS: "1" } });

test("a chore due in the past passes undone: its history shows it missed, once, and Stats counts it", async () => {
  const sam = person("sam", "Sam");
  const alex = person("alex", "Alex");
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, sam);
  await signUp(alexPage, alex);
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  const yesterday = DateTime.now().setZone("Europe/Berlin").minus({ days: 1 }).set({ hour: 7, minute: 0 });
  await samPage.setViewportSize(DESKTOP);
  await navLink(samPage, "Tasks").click();
  await samPage.getByRole("link", { name: "New chore" }).click();
  await samPage.getByLabel("Name").fill("Take out the bins");
  await samPage.getByLabel("Repeats").selectOption("daily");
  await samPage.getByLabel("Due").fill(yesterday.toFormat("yyyy-LL-dd'T'HH:mm"));
  await samPage.getByLabel("Done within").fill("1");
  await samPage.getByLabel("Window unit").selectOption("hours");
  await samPage.getByRole("checkbox", { name: "Sam", exact: true }).setChecked(false);
  await samPage.getByRole("checkbox", { name: "Alex", exact: true }).setChecked(true);
  await samPage.getByLabel("Done within").scrollIntoViewIfNeeded();
  await saveScreenshot(samPage, "missed-chore-form-desktop");
  await samPage.getByRole("button", { name: "Create chore" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Take out the bins" }).waitFor();
  await samPage.getByText("Within 1 hour of its due time, then it counts as missed").waitFor();

  // The next tick records the miss; the open history refreshes on the live hint.
  const history = samPage.getByRole("region", { name: "History" });
  const missed = history.getByRole("listitem").filter({ hasText: "Missed by Alex" });
  await missed.waitFor({ timeout: 15_000 });
  expect(await missed.textContent()).toContain(`for the occurrence due ${yesterday.toFormat("d LLL yyyy")}, 07:00`);
  // Once, however many ticks have run since.
  await samPage.waitForTimeout(2500);
  await samPage.reload();
  await missed.waitFor();
  expect(await missed.count()).toBe(1);
  await saveScreenshot(samPage, "missed-history-desktop");
  await samPage.setViewportSize(TABLET);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "missed-history-tablet");
  await samPage.setViewportSize(PHONE);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "missed-history-phone");

  // Stats counts it for Alex.
  await samPage.setViewportSize(DESKTOP);
  await samPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats", exact: true }).click();
  const summary = samPage.getByRole("region", { name: /weeks of/ });
  await summary.waitFor();
  // The miss counts in the week it was missed: yesterday's, which may be last week on a Monday.
  expect(await summary.locator('dt:text-is("Missed") + dd').textContent()).toBe("1");
  const outcomes = samPage.getByRole("region", { name: "On time, late, skipped and missed" });
  await outcomes.getByText("0 on time, 0 late, 0 skipped, 1 missed.").waitFor();
  await saveScreenshot(samPage, "missed-statistics-desktop");
  // A phone, drawn at its width: the table with the Missed column fits too.
  await samPage.setViewportSize(PHONE);
  await samPage.reload();
  await outcomes.getByText("Show the numbers").click();
  await outcomes
    .getByRole("table", { name: "On time, late, skipped and missed" })
    .getByRole("row", { name: /Alex\s*0\s*0\s*0\s*1/ })
    .waitFor();
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "missed-statistics-phone");
});
