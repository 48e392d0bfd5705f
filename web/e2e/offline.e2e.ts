/**
 * Offline on the phone (decision 0043), in a real Chromium with its network emulation: the
 * installed app opens offline with the app shell, the last task list and a banner that covers
 * nothing; Done tapped offline waits on the card and is sent once when back online (one history
 * row); a tap whose occurrence someone else resolved meanwhile says so on its card. Screenshots
 * of the banner on a phone, light and dark.
 */
import { createClient, type ChorusClient } from "@chorus/shared";
import type { Page } from "playwright-core";
import { PHONE, saveScreenshot } from "./support/browser";
import { chorusSuite } from "./support/suite";

const suite = chorusSuite();

interface Person {
  client: ChorusClient;
  token: string;
  id: number;
}
let sam: Person;
let alex: Person;
const chores: Record<"cat" | "plants", number> = { cat: 0, plants: 0 };

beforeAll(async () => {
  const signUp = async (username: string, displayName: string): Promise<Person> => {
    const client = createClient({ baseUrl: suite.chorus.baseUrl });
    const { token, user } = await client.auth.signup({
      username,
      email: `${username}@example.com`,
      password: `${username}-secret-pw`,
      displayName,
    });
    client.setToken(token);
    return { client, token, id: user.id };
  };
  sam = await signUp("sam", "Sam");
  alex = await signUp("alex", "Alex");
  await alex.client.circles.join({ inviteCode: (await sam.client.circles.current()).inviteCode! });
  await sam.client.circles.accept(alex.id);
  const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const chore = (name: string) =>
    sam.client.chores.create({
      name,
      frequency: { type: "daily" },
      nextDueDate: tomorrow,
      points: 2,
      assignees: [alex.id],
      assignedTo: alex.id,
    });
  chores.cat = (await chore("Feed the cat")).id;
  chores.plants = (await chore("Water the plants")).id;
});

/** Whether the page has kept its task list in IndexedDB (offline-store.ts's database). */
async function keptTasks(): Promise<boolean> {
  // Opening a database that is not there would create it empty, before the app makes its store.
  if (!(await indexedDB.databases()).some((database) => database.name === "chorus-offline")) return false;
  const answer = <T>(request: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      request.addEventListener("success", () => resolve(request.result));
      request.addEventListener("error", () => reject(new Error(String(request.error))));
    });
  const db = await answer(indexedDB.open("chorus-offline"));
  try {
    return (
      db.objectStoreNames.contains("keyval") &&
      (await answer(db.transaction("keyval").objectStore("keyval").get("tasks-snapshot"))) !== undefined
    );
  } finally {
    db.close();
  }
}

/** Alex's phone with the app open online, its service worker in charge and the task list kept on the device. */
async function alexOnline(): Promise<Page> {
  const page = await suite.browserFor();
  await page.context().addInitScript((token) => {
    if (location.protocol.startsWith("http") && localStorage.getItem("chorus.token") === null) localStorage.setItem("chorus.token", token);
  }, alex.token);
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await page.getByText("Feed the cat").waitFor();
  // The worker claims the page once it has cached the shell; the page keeps its tasks on each load.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  let kept = false;
  while (!kept) kept = await page.evaluate(keptTasks); // each check is a round trip to the page
  return page;
}

const completions = async (choreId: number) =>
  (await sam.client.chores.history(choreId)).history.filter((entry) => entry.action === "completed");

test("offline, the app opens with the last tasks and says so; a Done tapped offline is sent once when back online", async () => {
  const page = await alexOnline();
  await page.context().setOffline(true);
  await page.reload();
  const banner = page.getByRole("status").filter({ hasText: "You’re offline" });
  await banner.getByText(/showing your tasks from \d\d:\d\d; Done and Skip will be sent when you’re back online/).waitFor();
  await page.getByText("Water the plants").waitFor();
  // In the flow above the page, it covers no card.
  const [bannerBox, firstCard] = await Promise.all([banner.boundingBox(), page.locator(".chore-card").first().boundingBox()]);
  expect(bannerBox!.y + bannerBox!.height).toBeLessThanOrEqual(firstCard!.y);
  await saveScreenshot(page, "offline-banner-phone");
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "offline-banner-phone-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByRole("button", { name: "Done: Feed the cat" }).click();
  await page.getByText("Done on this device — waiting to send").waitFor();
  expect(await page.getByRole("button", { name: "Done: Feed the cat" }).isDisabled()).toBe(true);
  expect(await completions(chores.cat)).toHaveLength(0);
  await saveScreenshot(page, "offline-waiting-to-send-phone", { keepMessages: true });

  await page.context().setOffline(false);
  await page.getByText("“Feed the cat” done: sent now that you are back online.").waitFor();
  await banner.waitFor({ state: "detached" });
  expect(await page.getByText("waiting to send").count()).toBe(0);
  // Sent once: a reload (this tab's queue read afresh) sends nothing more.
  await page.reload();
  await page.getByText("Feed the cat").waitFor();
  const done = await completions(chores.cat);
  expect(done).toHaveLength(1);
  expect(done[0]).toMatchObject({ updatedBy: alex.id, performedAs: alex.id });
  await page.context().close();
});

test("a Done tapped offline for an occurrence someone else completed meanwhile is not applied, and the card says why", async () => {
  const page = await alexOnline();
  const { nextDueDate } = await sam.client.chores.get(chores.plants);
  await page.context().setOffline(true);
  await page.getByRole("button", { name: "Done: Water the plants" }).click();
  await page.getByText("Done on this device — waiting to send").waitFor();
  // Sam does it from another device while Alex's phone is offline.
  await sam.client.chores.do(chores.plants, { dueDate: nextDueDate });

  await page.context().setOffline(false);
  const refusal = page.getByRole("alert").filter({ hasText: "Your Done from offline was not sent" });
  await refusal.getByText("this occurrence was done or skipped while you were offline").waitFor();
  await saveScreenshot(page, "offline-refused-phone");
  const done = await completions(chores.plants);
  expect(done).toHaveLength(1);
  expect(done[0]).toMatchObject({ updatedBy: sam.id });
  await refusal.getByRole("button", { name: "Dismiss: Water the plants" }).click();
  await refusal.waitFor({ state: "detached" });
  await page.context().close();
});
