/**
 * Light and dark (decision 0037) in a real Chromium: axe-core's colour-contrast rule finds no
 * violation on the main pages, the act-as banner, a message, a confirmation and the wall tablet in
 * either scheme (the device's, emulated); a member's choice beats the device's, is on screen before
 * the app's JavaScript runs after a reload, follows them to another browser, and stays theirs
 * while they act as someone else; the tablet always follows its device. Screenshots of both.
 */
import { readFileSync } from "node:fs";
import { createClient, type ChorusClient } from "@chorus/shared";
import type { Page, Route } from "playwright-core";
import { DESKTOP, overflowsSideways, PHONE, saveScreenshot, TABLET } from "./support/browser";
import { chorusSuite } from "./support/suite";

const suite = chorusSuite();
const { browserFor } = suite;

type Scheme = "light" | "dark";
const SCHEMES: Scheme[] = ["light", "dark"];
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface Person {
  client: ChorusClient;
  token: string;
  id: number;
}
const people: Record<"sam" | "alex" | "riley", Person> = {} as never;
let deviceToken = "";
let inviteCode = "";
let waitingChoreId = 0;

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
  people.sam = await signUp("sam", "Sam");
  people.alex = await signUp("alex", "Alex");
  // A new admin with an empty circle: the tasks page's Getting started list.
  people.riley = await signUp("riley", "Riley");
  const { sam, alex } = people;
  inviteCode = (await sam.client.circles.current()).inviteCode!;
  await alex.client.circles.join({ inviteCode });
  await sam.client.circles.accept(alex.id);
  const kim = await sam.client.circles.addChild({ username: "kim", displayName: "Kim", pin: "2468" });
  const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const chore = (name: string, assignee: number, extra: { needsApproval?: boolean; priority?: number } = {}) =>
    sam.client.chores.create({
      name,
      frequency: { type: "daily" },
      nextDueDate: tomorrow,
      points: 3,
      assignees: [assignee],
      assignedTo: assignee,
      ...extra,
    });
  const cat = await chore("Feed the cat", alex.id, { priority: 4 });
  const plants = await chore("Water the plants", alex.id, { needsApproval: true });
  // Sam's own, one for each scheme's Done.
  await chore("Empty the bins", sam.id);
  await chore("Sweep the floor", sam.id);
  await chore("Tidy your room", kim.userId);
  await alex.client.chores.do(cat.id, {});
  await alex.client.chores.do(plants.id, {});
  waitingChoreId = plants.id;
  await sam.client.rewards.create({ name: "Comic", cost: 5 });
  const nextWeek = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString().slice(0, 10);
  await sam.client.circles.createAwayPeriod({ userId: alex.id, startsOn: nextWeek(7), endsOn: nextWeek(9) });
  deviceToken = (await sam.client.circles.createDevice({ name: "Kitchen tablet" })).token;
});

/** A browser window signed in as `who` (or nobody), its device set to `scheme`, optionally acting as someone. */
async function windowFor(who: Person | null, scheme: Scheme, actingAs?: Person): Promise<Page> {
  const page = await browserFor();
  await page.context().addInitScript(
    ({ token, acting }) => {
      if (!location.protocol.startsWith("http")) return; // about:blank has no storage
      if (token && localStorage.getItem("chorus.token") === null) localStorage.setItem("chorus.token", token);
      if (acting) sessionStorage.setItem("chorus.actingAsUserId", String(acting));
    },
    { token: who?.token ?? null, acting: actingAs?.id ?? null },
  );
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize(DESKTOP);
  return page;
}

const shownTheme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

/** Waits until nothing on the page is loading any more. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.querySelector("main h1") !== null && document.querySelector(".loading") === null);
}

/** axe-core's colour-contrast violations on the page as it is, one line per element. */
async function contrastViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document, { runOnly: { type: "rule", values: ["color-contrast"] }, resultTypes: ["violations"] });
    return results.violations.flatMap((violation) => violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`));
  });
}

async function expectReadable(page: Page, what: string) {
  expect({ what, violations: await contrastViolations(page) }).toEqual({ what, violations: [] });
}

describe.each(SCHEMES)("in the %s scheme", (scheme) => {
  test("axe finds no colour-contrast violation on the main pages, a message and a confirmation", async () => {
    const page = await windowFor(people.sam, scheme);
    const pages: [string, string][] = [
      ["/", "Empty the bins"],
      ["/chores/new", "New chore"],
      [`/chores/${waitingChoreId}`, "Water the plants"],
      ["/circle", "Kim"],
      ["/audit", "Audit log"],
      ["/approvals", "Water the plants"],
      ["/rewards", "Comic"],
      ["/statistics", "Statistics"],
      [`/points/${people.alex.id}`, "Points"],
      ["/account", "Appearance"],
    ];
    for (const [path, text] of pages) {
      await page.goto(path);
      await page.getByText(text).first().waitFor();
      await settled(page);
      expect(await shownTheme(page)).toBe(scheme);
      await expectReadable(page, path);
      if (path === "/" || path === "/statistics" || path === "/account")
        await saveScreenshot(page, `theme-${scheme}${path === "/" ? "-tasks" : path.replace("/", "-")}-desktop`);
    }
    // A message (a toast) after Done, and a confirmation that asks once more.
    await page.goto("/");
    await page.getByRole("button", { name: `Done: ${scheme === "light" ? "Empty the bins" : "Sweep the floor"}` }).click();
    await page.locator(".notice").first().waitFor();
    await expectReadable(page, "a message");
    await page.goto("/rewards");
    await page.getByRole("button", { name: "Archive… Comic" }).click();
    await page.getByRole("button", { name: "Archive Comic" }).waitFor();
    await expectReadable(page, "a confirmation");
  });

  test("signed out, onboarding, and the act-as banner: readable, and the banner keeps its own colour", async () => {
    const signedOut = await windowFor(null, scheme);
    await signedOut.goto("/signin");
    await signedOut.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await shownTheme(signedOut)).toBe(scheme);
    await expectReadable(signedOut, "sign-in");
    await signedOut.setViewportSize(PHONE);
    await saveScreenshot(signedOut, `theme-${scheme}-sign-in-phone`);
    await signedOut.setViewportSize(DESKTOP);
    await signedOut.goto("/signup");
    await signedOut.getByRole("heading", { level: 1, name: "Create your account" }).waitFor();
    await expectReadable(signedOut, "sign-up");
    // Where an invite link lands.
    await signedOut.goto(`/join#code=${inviteCode}`);
    await signedOut.getByRole("heading", { level: 1, name: /^Join / }).waitFor();
    await expectReadable(signedOut, "join by invite link");

    const riley = await windowFor(people.riley, scheme);
    await riley.goto("/");
    await riley.getByRole("heading", { name: "Getting started" }).waitFor();
    await settled(riley);
    await expectReadable(riley, "getting started");

    const acting = await windowFor(people.sam, scheme, people.alex);
    await acting.goto("/");
    const banner = acting.getByRole("region", { name: "Viewing tasks as another member" });
    await banner.getByText("Acting as Alex").waitFor();
    await acting.getByText("Feed the cat").first().waitFor();
    await settled(acting);
    await expectReadable(acting, "acting as Alex");
    // A colour used nowhere else on the page, in either scheme.
    const {
      bar,
      page: pageBackground,
      header,
    } = await acting.evaluate(() => {
      const background = (selector: string) => getComputedStyle(document.querySelector(selector)!).backgroundColor;
      return {
        bar: background(".impersonation-banner"),
        page: getComputedStyle(document.documentElement).backgroundColor,
        header: background(".app-header"),
      };
    });
    expect(bar).toBe("rgb(" + (scheme === "light" ? "107, 33, 168" : "126, 34, 206") + ")");
    expect([pageBackground, header]).not.toContain(bar);
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["phone", PHONE],
      ["tablet", TABLET],
    ] as const) {
      await acting.setViewportSize(viewport);
      expect(await overflowsSideways(acting)).toBe(false);
      await saveScreenshot(acting, `theme-${scheme}-acting-${size}`);
    }
  });

  test("the wall tablet follows its device: tiles, PIN pad and chores readable", async () => {
    const tablet = await windowFor(null, scheme);
    // Whoever used this browser before chose the other scheme: the tablet does not take it.
    await tablet.goto("/signin");
    await tablet.evaluate((other) => localStorage.setItem("chorus.theme", other), scheme === "light" ? "dark" : "light");
    await tablet.setViewportSize(TABLET);
    await tablet.goto(`/tablet#token=${deviceToken}`);
    const tiles = tablet.getByRole("list", { name: "Who are you?" });
    await tiles.getByRole("button", { name: "Kim" }).waitFor();
    expect(await shownTheme(tablet)).toBe(scheme);
    await expectReadable(tablet, "tablet tiles");
    await saveScreenshot(tablet, `theme-${scheme}-tablet-picker`);
    await tiles.getByRole("button", { name: "Kim" }).click();
    const pad = tablet.getByRole("form", { name: "PIN for Kim" });
    await pad.getByRole("button", { name: "2", exact: true }).click();
    await expectReadable(tablet, "tablet PIN pad");
    for (const digit of "468") await pad.getByRole("button", { name: digit, exact: true }).click();
    await pad.getByRole("button", { name: "OK" }).click();
    await tablet.getByText("Tidy your room").first().waitFor();
    await settled(tablet);
    await expectReadable(tablet, "tablet chores");
    await saveScreenshot(tablet, `theme-${scheme}-tablet-chores`);
    // The device switches scheme: the tablet follows at once.
    const other = scheme === "light" ? "dark" : "light";
    await tablet.emulateMedia({ colorScheme: other });
    await tablet.waitForFunction((expected) => document.documentElement.dataset.theme === expected, other);
  });
});

test("a member's tasks in both schemes at phone and tablet size: readable, nothing wider than the window", async () => {
  for (const scheme of SCHEMES) {
    const page = await windowFor(people.alex, scheme);
    for (const [size, viewport] of [
      ["phone", PHONE],
      ["tablet", TABLET],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto("/");
      await page.getByText("Feed the cat").first().waitFor();
      await settled(page);
      expect(await overflowsSideways(page)).toBe(false);
      // A member's header too, with the unread "Done for you" badge.
      await expectReadable(page, `${scheme} tasks, ${size}`);
      await saveScreenshot(page, `theme-${scheme}-tasks-${size}`);
    }
  }
});

test("a member's choice beats the device's, is drawn before the app's JavaScript runs, and follows them to another browser", async () => {
  const { alex } = people;
  const page = await windowFor(alex, "dark");
  await page.goto("/account");
  const appearance = page.getByRole("group", { name: "Colours" });
  await appearance.getByRole("radio", { name: "Same as this device" }).waitFor();
  expect(await appearance.getByRole("radio", { name: "Same as this device" }).isChecked()).toBe(true);
  expect(await shownTheme(page)).toBe("dark");
  await appearance.getByRole("radio", { name: "Light" }).check();
  await page.getByText("Saved: light.").waitFor();
  expect(await shownTheme(page)).toBe("light");
  expect(await alex.client.users.theme()).toEqual({ theme: "light" });
  await page.setViewportSize(PHONE);
  await saveScreenshot(page, "theme-account-chooser-phone", { keepMessages: true });

  // Reload with the app's JavaScript held: index.html alone has drawn the chosen scheme.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto("/", { waitUntil: "commit" });
  await page.waitForFunction(() => document.body !== null && getComputedStyle(document.body).getPropertyValue("--bg").trim() !== "");
  const early = await page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    background: getComputedStyle(document.documentElement).backgroundColor,
    appRan: document.getElementById("root")?.childElementCount !== 0,
    themeColor: [...document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')].map((meta) => [meta.content, meta.media]),
  }));
  expect(early).toEqual({
    theme: "light",
    background: "rgb(244, 245, 247)",
    appRan: false,
    // The browser's bar takes the chosen scheme's colour, though the device is dark.
    themeColor: [
      ["#1d4ed8", "all"],
      ["#111827", "not all"],
    ],
  });
  release();
  await page.getByText("Feed the cat").first().waitFor();
  expect(await shownTheme(page)).toBe("light");

  // Another browser, dark device, nothing cached: the account's choice arrives and is kept there.
  const other = await windowFor(alex, "dark");
  await other.goto("/");
  await other.getByText("Feed the cat").first().waitFor();
  await other.waitForFunction(() => document.documentElement.dataset.theme === "light");
  expect(await other.evaluate(() => localStorage.getItem("chorus.theme"))).toBe("light");

  // Back to the device's: the scheme follows the device again, live.
  await page.goto("/account");
  await page.getByRole("group", { name: "Colours" }).getByRole("radio", { name: "Same as this device" }).check();
  await page.getByText("Saved: same as this device.").waitFor();
  expect(await shownTheme(page)).toBe("dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
  // Following the device: the page takes either scheme, and each scheme has its bar colour.
  expect(
    await page.evaluate(() => ({
      colorScheme: document.querySelector<HTMLMetaElement>('meta[name="color-scheme"]')?.content,
      themeColor: [...document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')].map((meta) => [meta.content, meta.media]),
    })),
  ).toEqual({
    colorScheme: "light dark",
    themeColor: [
      ["#1d4ed8", "(prefers-color-scheme: light)"],
      ["#111827", "(prefers-color-scheme: dark)"],
    ],
  });
});

test("while acting as a member, the screen keeps the real person's choice, not the member's", async () => {
  const { sam, alex } = people;
  await sam.client.users.setTheme({ theme: "dark" });
  await alex.client.users.setTheme({ theme: "light" });
  const page = await windowFor(sam, "light", alex);
  await page.goto("/");
  await page.getByRole("region", { name: "Viewing tasks as another member" }).getByText("Acting as Alex").waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
  await page.getByText("Feed the cat").first().waitFor();
  expect(await shownTheme(page)).toBe("dark");
  expect(await alex.client.users.theme()).toEqual({ theme: "light" });
});
