/**
 * Photo proof in a real Chromium (decision 0030): an admin makes a chore that needs a
 * photo, the member's Done asks for one, the member attaches a picture and completes it,
 * and the admin sees the thumbnail in the chore's history. Screenshots at desktop, phone
 * and tablet sizes.
 */
import type { Page } from "playwright-core";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";
import { acceptJoinRequest, askToJoin, navLink, openTasks, person, readInviteCode, signUp } from "./support/flows";

const { browserFor } = chorusSuite();

/** A JPEG drawn by the browser itself, as a phone camera would hand one over. */
async function cameraPicture(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = document.createElement("canvas");
    canvas.width = 2400;
    canvas.height = 1800;
    const pen = canvas.getContext("2d")!;
    pen.fillStyle = "#2a7f62";
    pen.fillRect(0, 0, canvas.width, canvas.height);
    pen.fillStyle = "#f4f1de";
    pen.fillRect(400, 300, 1600, 1200);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), "image/jpeg", 0.9));
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(bytes);
}

test("a member attaches a photo when completing a chore that needs one; the admin sees it in the history", async () => {
  const [samPage, alexPage] = await Promise.all([browserFor(), browserFor()]);
  await signUp(samPage, person("sam", "Sam"));
  await signUp(alexPage, person("alex", "Alex"));
  await askToJoin(alexPage, await readInviteCode(samPage));
  await acceptJoinRequest(samPage, "Alex");

  await navLink(samPage, "Tasks").click();
  await samPage.getByRole("link", { name: "New chore" }).click();
  await samPage.getByLabel("Name").fill("Wipe the counter");
  await samPage.getByRole("checkbox", { name: "Alex", exact: true }).check();
  await samPage.getByRole("checkbox", { name: "Sam", exact: true }).uncheck();
  await samPage.getByLabel(/Photo proof/).check();
  await samPage.getByRole("button", { name: "Create chore" }).click();
  await samPage.getByRole("heading", { level: 1, name: "Wipe the counter" }).waitFor();
  await samPage.getByText("Each completion needs a photo").waitFor();

  await alexPage.setViewportSize(PHONE);
  await openTasks(alexPage);
  const card = alexPage.getByRole("article", { name: "Wipe the counter" });
  await card.getByText("Photo needed").waitFor();
  await card.getByRole("button", { name: "Done: Wipe the counter" }).click();
  await card.getByText("This chore needs a photo: add one, then press Done.").waitFor();
  const input = card.getByLabel("Photo proof: Wipe the counter");
  expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);

  await input.setInputFiles({ name: "counter.jpg", mimeType: "image/jpeg", buffer: await cameraPicture(alexPage) });
  await card.getByText("This chore needs a photo: add one, then press Done.").waitFor({ state: "detached" });
  expect(await overflowsSideways(alexPage)).toBe(false);
  await saveScreenshot(alexPage, "photo-proof-member-phone");
  await card.getByRole("button", { name: "Done: Wipe the counter" }).click();
  await alexPage.getByText("“Wipe the counter” done.").waitFor();

  await samPage.setViewportSize(DESKTOP);
  await samPage.reload();
  const history = samPage.getByRole("region", { name: "History" });
  await history.getByText("Done by Alex", { exact: true }).waitFor();
  const thumbnail = history.getByRole("img", { name: /^Photo from Alex/ });
  await thumbnail.waitFor();
  // Loaded (not a broken image), resized by the server and shown as a small thumbnail.
  await samPage.waitForFunction(() => document.querySelector<HTMLImageElement>(".photo-thumbnail img")?.naturalWidth === 1600);
  const box = (await thumbnail.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(160);
  expect(box.width).toBeGreaterThan(40);
  await saveScreenshot(samPage, "photo-proof-admin-desktop");
  // A tap opens it up in place, within the card.
  await thumbnail.click();
  await history.locator(".photo-thumbnail[aria-expanded=true]").waitFor();
  const opened = (await thumbnail.boundingBox())!;
  const historyBox = (await history.boundingBox())!;
  expect(opened.width).toBeGreaterThan(box.width * 3);
  expect(opened.x + opened.width).toBeLessThanOrEqual(historyBox.x + historyBox.width);
  await thumbnail.click();

  await samPage.setViewportSize(TABLET);
  await thumbnail.waitFor();
  expect(await overflowsSideways(samPage)).toBe(false);
  await saveScreenshot(samPage, "photo-proof-admin-tablet");

  // The photo is the member's and the admins': Alex sees it on the chore too.
  await alexPage.goto(new URL(samPage.url()).pathname);
  await alexPage
    .getByRole("region", { name: "History" })
    .getByRole("img", { name: /^Photo from Alex/ })
    .waitFor();
});
