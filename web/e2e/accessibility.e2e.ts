/**
 * WCAG 2.2 AA (decision 0048) in a real Chromium, on one seeded circle: axe-core with the WCAG
 * 2.0 to 2.2 A/AA rules finds nothing on every page, the act-as banner, a confirmation and the
 * wall tablet in each scheme in English and German; every visible control is at least 24x24
 * CSS px on a phone (44x44 on the tablet) unless it is a link inside a sentence or spaced out;
 * nothing needs dragging; the focused control is never under the sticky act-as banner; codes and
 * passwords can be pasted whole.
 */
import { readFileSync } from "node:fs";
import { createClient, type ChorusClient } from "@chorus/shared";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { PHONE, TABLET } from "./support/browser";
import { say } from "./support/catalogues";
import { chorusSuite } from "./support/suite";

/** Every page is visited once per variant; a language is one more field here (decision 0048). */
/** Each scheme in each language (decision 0047): the browser's language picks it, as for a newcomer. */
const variants: { scheme: "light" | "dark"; language: "en" | "de" }[] = [
  { scheme: "light", language: "en" },
  { scheme: "dark", language: "en" },
  { scheme: "light", language: "de" },
  { scheme: "dark", language: "de" },
];
const LOCALES = { en: "en-GB", de: "de-DE" } as const;

const suite = chorusSuite();
const { browserFor } = suite;
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface Person {
  client: ChorusClient;
  token: string;
  id: number;
}
const people: Record<"sam" | "alex" | "tess" | "nia", Person> = {} as never;
const seeded = { deviceToken: "", inviteCode: "", choreId: 0, totpSecret: "" };
const totpCode = (stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(seeded.totpSecret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

beforeAll(async () => {
  const signUp = async (username: string, displayName: string, inviteCode?: string): Promise<Person> => {
    const client = createClient({ baseUrl: suite.chorus.baseUrl });
    const password = `${username}-secret-pw`;
    const { token, user } = await client.auth.signup({ username, email: `${username}@example.com`, password, displayName, inviteCode });
    client.setToken(token);
    return { client, token, id: user.id };
  };
  people.sam = await signUp("sam", "Sam");
  people.alex = await signUp("alex", "Alex");
  // Someone with an authenticator app, for the second step of signing in.
  people.tess = await signUp("tess", "Tess");
  const { sam, alex, tess } = people;
  seeded.totpSecret = (await tess.client.users.startTotp()).secret;
  await tess.client.users.confirmTotp({ code: totpCode() });

  seeded.inviteCode = (await sam.client.circles.current()).inviteCode!;
  await alex.client.circles.join({ inviteCode: seeded.inviteCode });
  await sam.client.circles.accept(alex.id);
  // Signed up from the invite link, not let in yet: the welcome page, and a request on the circle page.
  people.nia = await signUp("nia", "Nia", seeded.inviteCode);
  const kim = await sam.client.circles.addChild({ username: "kim", displayName: "Kim", pin: "2468" });
  const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
  const chore = (name: string, assignee: number, extra: Record<string, unknown> = {}) =>
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
  await chore("Tidy your room", kim.userId, { checklist: [{ text: "Bed" }, { text: "Toys" }, { text: "Floor" }] });
  await chore("Take out the bins", sam.id, { assignmentMode: "anyone", assignees: [sam.id, alex.id], assignedTo: undefined });
  await chore("Empty the dishwasher", sam.id, { assignmentMode: "rotation", assignees: [sam.id, alex.id], photoRequired: true });
  // Alex's list longer than a phone's screen, for tabbing under the act-as banner.
  for (const name of ["Dust the shelves", "Wipe the table", "Hoover the stairs", "Fold the laundry", "Clean the sink", "Water the garden"])
    await chore(name, alex.id);
  // History, and an approval waiting.
  await alex.client.chores.do(cat.id, {});
  await alex.client.chores.do(plants.id, {});
  seeded.choreId = plants.id;
  await sam.client.rewards.create({ name: "Comic", cost: 5 });
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString().slice(0, 10);
  await sam.client.circles.createAwayPeriod({ userId: alex.id, startsOn: inDays(7), endsOn: inDays(9) });
  seeded.deviceToken = (await sam.client.circles.createDevice({ name: "Kitchen tablet" })).token;
});

/** A window for one variant, signed in as `who` (or nobody). */
async function windowFor(variant: (typeof variants)[number], who: Person | null): Promise<Page> {
  const page = await browserFor(LOCALES[variant.language]);
  await page.context().addInitScript((token) => {
    if (!location.protocol.startsWith("http")) return; // about:blank has no storage
    if (token && localStorage.getItem("chorus.token") === null) localStorage.setItem("chorus.token", token);
  }, who?.token ?? null);
  await page.emulateMedia({ colorScheme: variant.scheme });
  await page.setViewportSize(PHONE);
  return page;
}

/** Waits until the page has drawn `text` (data, the same in every language) if given, and nothing on it is loading any more. */
async function ready(page: Page, text: string | RegExp | null) {
  if (text !== null) await page.getByText(text).first().waitFor();
  await page.waitForFunction(() => document.querySelector("main h1") !== null && document.querySelector(".loading, .skeleton") === null);
}

/** axe-core's WCAG 2.2 A/AA violations on the page as it is, one readable line per element. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} at ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ")}`),
    );
  }, AXE_TAGS);
}

/**
 * Controls smaller than `minimum` CSS px either way (WCAG 2.5.8; 2.5.5's 44 on the tablet). Exempt,
 * as the criterion allows: a link inside a sentence (inline, with other text in its block), and
 * a small target whose 24 px circle touches no other target or small target's circle (spacing).
 * Also reports anything draggable (2.5.7: no page needs dragging).
 */
function smallTargets(page: Page, minimum: number): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = [
      "button, a[href], input:not([type=hidden]), select, textarea, summary",
      "[role=button], [role=link], [role=checkbox], [role=radio], [role=tab]",
    ].join(", ");
    const visible = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      // Visually hidden (the skip link until focused, inputs drawn by their label) is not a target.
      return rect.width > 1 && rect.height > 1 && style.visibility !== "hidden" && style.opacity !== "0" && !element.closest("[inert]");
    });
    // A control inside its <label>: the label takes the pointer too (HTML's activation behaviour), so it is the target.
    const rects = visible.map((element) => (element.closest("label") ?? element).getBoundingClientRect());
    const small = (rect: DOMRect) => rect.width < min - 0.5 || rect.height < min - 0.5;
    const inSentence = (element: HTMLElement) => {
      if (element.tagName !== "A" || getComputedStyle(element).display !== "inline") return false;
      let block = element.parentElement;
      while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
      return (block?.textContent ?? "").trim().length > (element.textContent ?? "").trim().length;
    };
    const distance = (x: number, y: number, r: DOMRect) =>
      Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
    const centre = (r: DOMRect) => [r.left + r.width / 2, r.top + r.height / 2] as const;
    const spaced = (index: number) => {
      const [x, y] = centre(rects[index]!);
      return rects.every((other, j) => {
        if (j === index || visible[j]!.contains(visible[index]!) || visible[index]!.contains(visible[j]!)) return true;
        if (distance(x, y, other) < min / 2) return false;
        const [ox, oy] = centre(other);
        return !small(other) || Math.hypot(x - ox, y - oy) >= min;
      });
    };
    const name = (element: HTMLElement) => {
      const label =
        element.getAttribute("aria-label") ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent ?? "";
      const type = element.getAttribute("type") ? `[type=${element.getAttribute("type")}]` : "";
      const classes =
        typeof element.className === "string" && element.className.trim() ? "." + element.className.trim().split(/\s+/).join(".") : "";
      return `${element.tagName.toLowerCase()}${type}${classes} "${label.trim().replace(/\s+/g, " ").slice(0, 40)}"`;
    };
    const offenders = visible.flatMap((element, index) => {
      const rect = rects[index]!;
      if (!small(rect) || inSentence(element) || (min <= 24 && spaced(index))) return [];
      return [`${name(element)} is ${Math.round(rect.width)}x${Math.round(rect.height)}`];
    });
    const draggable = [...document.querySelectorAll<HTMLElement>("[draggable=true]")].map((element) => `${name(element)} is draggable`);
    return [...offenders, ...draggable];
  }, minimum);
}

/** What axe and the target sizes find on the page as it is now, each line naming the page. */
async function problemsOn(page: Page, what: string, minimum = 24): Promise<string[]> {
  const found = [...(await axeViolations(page)), ...(await smallTargets(page, minimum))];
  return found.map((problem) => `${what}: ${problem}`);
}

describe.each(variants)("%o", (variant) => {
  test("axe finds no WCAG 2.2 A/AA violation and every target is big enough, on every page", async () => {
    const { alex } = people;
    const page = await windowFor(variant, people.sam);
    const problems: string[] = [];
    const pages: [string, string | null][] = [
      ["/", "Take out the bins"],
      ["/?view=all", "Feed the cat"],
      ["/?view=archived", null],
      ["/chores/new", null],
      [`/chores/${seeded.choreId}`, "Water the plants"],
      [`/chores/${seeded.choreId}/edit`, null],
      ["/calendar", null],
      ["/circle", "Kim"],
      ["/circle/settings", null],
      ["/audit", null],
      ["/account", null],
      ["/account/tokens", null],
      ["/account/reminders", null],
      ["/account/calendar", null],
      ["/done-for-you", null],
      ["/statistics", null],
      ["/rewards", "Comic"],
      ["/approvals", "Water the plants"],
      [`/points/${alex.id}`, null],
      ["/no-such-page", null],
    ];
    for (const [path, text] of pages) {
      await page.goto(path);
      await ready(page, text);
      problems.push(...(await problemsOn(page, path)));
    }
    // A confirmation that asks once more.
    await page.goto("/rewards");
    await page.getByRole("button", { name: say(variant.language, "rewards", "list.archive", { reward: "Comic" }) }).click();
    await page.getByRole("button", { name: say(variant.language, "rewards", "list.archiveNamed", { reward: "Comic" }) }).waitFor();
    problems.push(...(await problemsOn(page, "a confirmation")));
    // The act-as banner over the tasks page.
    await page.evaluate((id) => sessionStorage.setItem("chorus.actingAsUserId", String(id)), alex.id);
    await page.goto("/");
    const banner = page.getByRole("region", { name: say(variant.language, "impersonation", "banner.label") });
    await banner.getByText(say(variant.language, "impersonation", "banner.acting", { name: "Alex" })).waitFor();
    await ready(page, "Feed the cat");
    problems.push(...(await problemsOn(page, "acting as Alex")));
    expect(problems).toEqual([]);
  });

  test("signed out and the wall tablet: no violation, targets big enough (44 px on the tablet)", async () => {
    const page = await windowFor(variant, null);
    const problems: string[] = [];
    const newcomer = await windowFor(variant, people.nia);
    await newcomer.goto("/welcome");
    await ready(newcomer, null);
    problems.push(...(await problemsOn(newcomer, "/welcome")));
    const pages = ["/signin", "/signup", "/claim", `/join#code=${seeded.inviteCode}`];
    for (const path of pages) {
      await page.goto(path);
      await ready(page, null);
      problems.push(...(await problemsOn(page, path)));
    }
    await page.setViewportSize(TABLET);
    await page.goto(`/tablet#token=${seeded.deviceToken}`);
    const tablet = (key: string, values?: Record<string, string>) => say(variant.language, "tablet", key, values);
    const tiles = page.getByRole("list", { name: tablet("screen.whoAreYou") });
    await tiles.getByRole("button", { name: "Kim" }).waitFor();
    problems.push(...(await problemsOn(page, "tablet tiles", 44)));
    await tiles.getByRole("button", { name: "Kim" }).click();
    const pad = page.getByRole("form", { name: tablet("pinPad.label", { name: "Kim" }) });
    await pad.getByRole("button", { name: tablet("pinPad.ok") }).waitFor();
    problems.push(...(await problemsOn(page, "tablet PIN pad", 44)));
    for (const digit of "2468") await pad.getByRole("button", { name: digit, exact: true }).click();
    await pad.getByRole("button", { name: tablet("pinPad.ok") }).click();
    await ready(page, "Tidy your room");
    problems.push(...(await problemsOn(page, "tablet chores", 44)));
    expect(problems).toEqual([]);
  });
});

test("tabbing down and back up a long page at phone size, the act-as banner never covers the focused control", async () => {
  const page = await windowFor(variants[0]!, people.sam);
  await page.goto("/signin");
  await page.evaluate((id) => sessionStorage.setItem("chorus.actingAsUserId", String(id)), people.alex.id);
  await page.goto("/");
  const banner = page.getByRole("region", { name: "Viewing tasks as another member" });
  await banner.getByText("Acting as Alex").waitFor();
  await ready(page, "Water the garden");
  /** The focused control, and whether its centre is on screen and not under anything (the banner). */
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const rect = element.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      const shown = hit !== null && (hit === element || element.contains(hit));
      return {
        shown,
        what: `${element.tagName} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 30)}"`,
        scrollY,
      };
    });
  const covered: string[] = [];
  let deepest = 0;
  for (const key of [...Array<string>(40).fill("Tab"), ...Array<string>(40).fill("Shift+Tab")]) {
    await page.keyboard.press(key);
    const now = await focused();
    if (!now) continue;
    deepest = Math.max(deepest, now.scrollY);
    if (!now.shown) covered.push(`${key} to ${now.what} at scroll ${now.scrollY}`);
  }
  // The page did scroll under the banner, which the scroll padding outmeasures.
  const { bannerHeight, padding } = await page.evaluate(() => ({
    bannerHeight: document.querySelector(".impersonation-banner")!.getBoundingClientRect().height,
    padding: parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop),
  }));
  expect({ scrolled: deepest > bannerHeight, covered, roomy: padding >= bannerHeight }).toEqual({
    scrolled: true,
    covered: [],
    roomy: true,
  });
});

test("a password and an authenticator code can be pasted whole, spaces and all", async () => {
  const page = await windowFor(variants[0]!, null);
  await page.goto("/signin");
  /** A real paste event the page could cancel, then the text the browser inserts when it is not. */
  const paste = async (label: string, text: string) => {
    const field = page.getByLabel(label);
    await field.focus();
    const allowed = await field.evaluate((input, pasted) => {
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      return input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    expect({ label, allowed }).toEqual({ label, allowed: true });
    await page.keyboard.insertText(text);
    expect(await field.inputValue()).toBe(text);
  };
  await paste("Username or email", "tess");
  await paste("Password", "tess-secret-pw");
  expect(await page.getByLabel("Password").getAttribute("autocomplete")).toBe("current-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const code = page.getByLabel("Code from your authenticator app");
  await code.waitFor();
  expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
  // As some apps copy it: grouped, with a trailing space; the field keeps all of it.
  // The next step's code: the one that turned the app on is used up.
  const fresh = totpCode(1);
  await paste("Code from your authenticator app", ` ${fresh.slice(0, 3)} ${fresh.slice(3)}  `);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
});
