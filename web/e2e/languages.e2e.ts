/**
 * Languages (decision 0047) in a real Chromium: a German browser gets German from the first screen,
 * with German dates and the server's error codes in German; a member's own choice beats the
 * browser's, is kept on the device and follows them to another browser, and stays theirs while
 * they act as someone else; the wall tablet follows its own browser. A cold load in English
 * fetches no catalogue, one in another language only the first screen's. Screenshots in German.
 */
import { createClient, type ChorusClient } from "@chorus/shared";
import type { Page } from "playwright-core";
import { overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { say } from "./support/catalogues";
import { chorusSuite } from "./support/suite";

const suite = chorusSuite();

interface Person {
  client: ChorusClient;
  token: string;
  id: number;
  username: string;
}
const people = {} as Record<"sam" | "alex", Person>;
let deviceToken = "";
/** Alex's chore, due in three days at 09:00 UTC. */
let due = "";
const ZONE = "Europe/Berlin";

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
    return { client, token, id: user.id, username };
  };
  people.sam = await signUp("sam", "Sam");
  people.alex = await signUp("alex", "Alex");
  const { sam, alex } = people;
  await sam.client.circles.update({ timezone: ZONE });
  await alex.client.circles.join({ inviteCode: (await sam.client.circles.current()).inviteCode! });
  await sam.client.circles.accept(alex.id);
  const inThreeDays = new Date(Date.now() + 3 * 24 * 3_600_000);
  due = new Date(Date.UTC(inThreeDays.getUTCFullYear(), inThreeDays.getUTCMonth(), inThreeDays.getUTCDate(), 9)).toISOString();
  await sam.client.chores.create({
    name: "Feed the cat",
    frequency: { type: "daily" },
    nextDueDate: due,
    assignees: [alex.id],
    assignedTo: alex.id,
  });
  deviceToken = (await sam.client.circles.createDevice({ name: "Kitchen tablet" })).token;
});

/** A window whose browser speaks `locale`, signed in as `who` (or nobody), optionally acting as someone. */
async function windowFor(locale: string, who: Person | null, actingAs?: Person): Promise<Page> {
  const page = await suite.browserFor(locale);
  await page.context().addInitScript(
    ({ token, acting }) => {
      if (!location.protocol.startsWith("http")) return;
      if (token && localStorage.getItem("chorus.token") === null) localStorage.setItem("chorus.token", token);
      if (acting) sessionStorage.setItem("chorus.actingAsUserId", String(acting));
    },
    { token: who?.token ?? null, acting: actingAs?.id ?? null },
  );
  return page;
}

/** The catalogue chunks a page fetches from now on. */
function catalogueRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const match = new URL(request.url()).pathname.match(/^\/assets\/locales\/(\w+-[\w-]+?)-[\w-]{8}\.js$/);
    if (match) seen.push(match[1]!);
  });
  return seen;
}

const shownLanguage = (page: Page) => page.evaluate(() => document.documentElement.lang);

test("a German browser gets German from the first screen: words, dates, a refused sign-in, and no sideways scrolling", async () => {
  const signedOut = await windowFor("de-DE", null);
  await signedOut.goto("/signin");
  const form = signedOut.getByRole("form", { name: say("de", "auth", "signIn.form") });
  await form.getByLabel(say("de", "auth", "signIn.login")).fill("alex");
  await form.getByLabel(say("de", "auth", "signIn.password"), { exact: true }).fill("not the password");
  await form.getByRole("button", { name: say("de", "auth", "signIn.submit") }).click();
  await signedOut.getByText(say("de", "auth", "signIn.noMatch")).waitFor();
  expect(await shownLanguage(signedOut)).toBe("de");

  const alex = await windowFor("de-DE", people.alex);
  const catalogues = catalogueRequests(alex);
  await alex.goto("/");
  await alex.getByRole("button", { name: say("de", "chores", "actions.doneLabel", { name: "Feed the cat" }) }).waitFor();
  const germanDate = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeStyle: "short", timeZone: ZONE }).format(new Date(due));
  await alex.getByText(say("de", "chores", "card.due", { date: germanDate })).waitFor();
  expect(await shownLanguage(alex)).toBe("de");
  // Only the first screen's German catalogues, each once, and the error messages (with English, their fallback).
  expect(catalogues.filter((name) => !name.startsWith("de-") && name !== "en-errors")).toEqual([]);
  expect(new Set(catalogues).size).toBe(catalogues.length);
  await alex.setViewportSize(PHONE);
  expect(await overflowsSideways(alex)).toBe(false);
  await saveScreenshot(alex, "language-de-tasks-phone");
});

test("a cold load in English fetches no catalogue but the error messages, after the list is shown", async () => {
  const alex = await windowFor("en-GB", people.alex);
  const catalogues = catalogueRequests(alex);
  const errorMessages = alex.waitForRequest(/\/assets\/locales\/en-errors-/);
  await alex.goto("/");
  await alex.getByRole("button", { name: "Done: Feed the cat" }).waitFor();
  await errorMessages;
  expect(catalogues).toEqual(["en-errors"]);
  expect(await shownLanguage(alex)).toBe("en");
});

test("a member's own choice beats the browser's, stays on the device, follows them, and is not the admin's while acting", async () => {
  const alex = await windowFor("en-GB", people.alex);
  await alex.goto("/account");
  await alex.getByLabel("Language of Chorus").selectOption("fr");
  await alex.getByRole("heading", { name: say("fr", "language", "heading") }).waitFor();
  await alex.getByText(say("fr", "language", "saved")).waitFor();
  expect(await shownLanguage(alex)).toBe("fr");
  expect(await people.alex.client.users.language()).toEqual({ language: "fr" });
  // After a reload, French before the account has even loaded: this device keeps the choice.
  await alex.route("**/api/v1/users/me/language", (route) => route.abort());
  await alex.goto("/");
  await alex.getByRole("button", { name: say("fr", "chores", "actions.doneLabel", { name: "Feed the cat" }) }).waitFor();
  await alex.unroute("**/api/v1/users/me/language");
  await alex.setViewportSize(PHONE);
  await saveScreenshot(alex, "language-fr-tasks-phone");

  // Another browser, set to Spanish, signing in as Alex: Alex's French arrives with the account.
  const elsewhere = await windowFor("es-ES", people.alex);
  await elsewhere.goto("/");
  await elsewhere.getByRole("button", { name: say("fr", "chores", "actions.doneLabel", { name: "Feed the cat" }) }).waitFor();

  // Sam, in an English browser, acting as Alex: Sam's screen stays English.
  const sam = await windowFor("en-GB", people.sam, people.alex);
  await sam.goto("/");
  await sam.getByRole("region", { name: "Viewing tasks as another member" }).getByText("Alex").first().waitFor();
  await sam.getByText("Feed the cat").first().waitFor();
  expect(await shownLanguage(sam)).toBe("en");
  await people.alex.client.users.setLanguage({ language: "system" });
});

test("the wall tablet speaks its own browser's language, whoever used it before", async () => {
  const tablet = await windowFor("es-ES", null);
  await tablet.addInitScript(() => localStorage.setItem("chorus.language", "de"));
  await tablet.setViewportSize(TABLET);
  await tablet.goto("/tablet");
  const form = tablet.getByRole("form", { name: say("es", "tablet", "tokenForm.label") });
  await form.getByLabel(say("es", "tablet", "tokenForm.token")).fill(deviceToken);
  await form.getByRole("button", { name: say("es", "tablet", "tokenForm.submit") }).click();
  await tablet.getByRole("heading", { name: say("es", "tablet", "screen.whoAreYou") }).waitFor();
  expect(await shownLanguage(tablet)).toBe("es");
  await saveScreenshot(tablet, "language-es-tablet");
});
