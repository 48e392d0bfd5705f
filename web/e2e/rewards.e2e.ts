/**
 * Rewards in a real Chromium (decision 0026): an admin offers a reward, a member with
 * enough points asks for it (the points are held), the admin approves it with a note and
 * the member sees it approved; then the admin changes a reward (cost, stock, who may ask) and
 * archives another after confirming. Screenshots at desktop, phone and tablet sizes.
 */
import type { Page } from "playwright-core";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();

const rewardsLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rewards", exact: true });

let samPage: Page;
let alexPage: Page;

test("an admin offers a reward, a member asks for it, the admin approves it", async () => {
  [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, person("sam", "Sam"));
  await signUp(alexPage, person("alex", "Alex"));
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  // Alex has 12 points to spend.
  await samPage.getByRole("region", { name: "Points" }).getByRole("link", { name: "Alex’s points history" }).click();
  const adjust = samPage.getByRole("form", { name: "Adjust Alex’s points" });
  await adjust.getByLabel("Amount").fill("12");
  await adjust.getByLabel("Reason").fill("Pocket money");
  await adjust.getByRole("button", { name: "Adjust points" }).click();
  await samPage.getByText("Alex now has 12 points.").waitFor();

  await rewardsLink(samPage).click();
  const form = samPage.getByRole("form", { name: "New reward" });
  for (const [name, cost, stock] of [
    ["Cinema trip", "30", ""],
    ["Sweets", "5", "2"],
  ] as const) {
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Cost in points").fill(cost);
    await form.getByLabel("How many (optional)").fill(stock);
    await form.getByRole("button", { name: "Add reward" }).click();
    await samPage.getByText(`“${name}” is on offer.`).waitFor();
  }

  await rewardsLink(alexPage).click();
  const offer = alexPage.getByRole("list", { name: "Rewards" });
  await offer.getByText("18 more to go").waitFor();
  await offer.getByRole("button", { name: "Ask for it Sweets" }).click();
  await alexPage.getByText("Asked for “Sweets”: 5 points are held until it is decided.").waitFor();
  await alexPage.getByText("7 points to spend").waitFor();
  await alexPage.getByRole("list", { name: "My requests" }).getByText("Waiting").waitFor();

  await samPage.reload();
  const queue = samPage.getByRole("list", { name: "Requests to decide" });
  await queue.getByLabel("Note to Alex about Sweets").fill("Well earned");
  await samPage.setViewportSize(DESKTOP);
  await saveScreenshot(samPage, "rewards-admin-desktop");
  await queue.getByRole("button", { name: "Approve Sweets for Alex" }).click();
  await samPage.getByText("Alex’s “Sweets” approved.").waitFor();
  await samPage.setViewportSize(TABLET);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "rewards-tablet");

  // The member's list follows the decision (live updates), on a phone.
  await alexPage.setViewportSize(PHONE);
  const mine = alexPage.getByRole("list", { name: "My requests" });
  await mine.getByText("Approved", { exact: true }).waitFor();
  await mine.getByText("“Well earned”").waitFor();
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "rewards-member-phone");
  // The hold is in the ledger as a redeemed row.
  await alexPage.getByRole("link", { name: "Your history" }).click();
  await alexPage.getByRole("list", { name: "Points history" }).getByText("Redeemed: Sweets").waitFor();
});

test("the admin edits a reward's cost, stock and who may ask for it, and archives another after confirming", async () => {
  await samPage.setViewportSize(DESKTOP);
  const offer = samPage.getByRole("list", { name: "Rewards" });
  const cinema = offer.getByRole("listitem", { name: "Cinema trip" });
  await cinema.getByText("30 points · for everyone").waitFor();
  await cinema.getByRole("button", { name: "Edit Cinema trip" }).click();
  const edit = offer.getByRole("form", { name: "Edit Cinema trip" });
  await edit.getByLabel("Cost in points").fill("10");
  await edit.getByLabel("How many left (optional)").fill("1");
  await edit.getByRole("group", { name: "Who can ask for it" }).getByRole("checkbox", { name: "Alex" }).check();
  await saveScreenshot(samPage, "rewards-edit-desktop");
  await edit.getByRole("button", { name: "Save reward" }).click();
  await samPage.getByText("“Cinema trip” is saved.").waitFor();
  await cinema.getByText("10 points · 1 left · only for Alex").waitFor();

  // Archiving asks once more; the request already approved stays in the queue's history.
  const sweets = offer.getByRole("listitem", { name: "Sweets" });
  await sweets.getByRole("button", { name: "Archive… Sweets" }).click();
  await samPage.setViewportSize(TABLET);
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "rewards-archive-tablet");
  await sweets.getByRole("button", { name: "Archive Sweets" }).click();
  await samPage.getByText("“Sweets” is no longer on offer. Its requests stay.").waitFor();
  await sweets.waitFor({ state: "detached" });
  await samPage.getByRole("list", { name: "Requests to decide" }).getByText("Sweets", { exact: true }).waitFor();

  // Alex (7 points) sees the new cost and stock, and no longer sees Sweets.
  await alexPage.setViewportSize(TABLET);
  await rewardsLink(alexPage).click();
  const alexOffer = alexPage.getByRole("list", { name: "Rewards" });
  await alexOffer.getByRole("listitem", { name: "Cinema trip" }).getByText("3 more to go").waitFor();
  await alexOffer.getByText("10 points · 1 left").waitFor();
  expect(await alexOffer.getByRole("listitem", { name: "Sweets" }).count()).toBe(0);

  // On a phone the edit form fits the width.
  await samPage.setViewportSize(PHONE);
  await cinema.getByRole("button", { name: "Edit Cinema trip" }).click();
  await offer.getByRole("form", { name: "Edit Cinema trip" }).waitFor();
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "rewards-edit-phone");
  await offer.getByRole("form", { name: "Edit Cinema trip" }).getByRole("button", { name: "Cancel" }).click();
});
