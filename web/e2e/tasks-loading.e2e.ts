/**
 * The tasks page on a cold load (issue 15): while the chores are on their way a skeleton
 * stands where the list will be, with the list's height, so nothing moves when they
 * arrive; the browser's own layout-shift entries stay near zero; and the JavaScript the
 * server sends for the page stays within the budget; the first screen comes from one
 * request, started by index.html before the app's JavaScript (decision 0018). The chores'
 * requests are held until the skeleton has been measured, so the test sees the loading
 * state on any machine.
 */
import type { Browser, Page, Route } from "playwright-core";
import { createClient } from "@chorus/shared";
import { PHONE, launchChromium, newPerson, pageErrors, saveScreenshot } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";

const SCREENS = { phone: PHONE, tablet: { width: 1024, height: 768 }, desktop: { width: 1440, height: 900 } };
/** The budget for the JavaScript of a cold load, compressed as the server sends it: vite.config.ts's (decisions 0018, 0047). */
const COLD_LOAD_JS_BYTES = 155_000;

let chorus: RunningChorus;
let browser: Browser;
/** Sign-ins of the circle's admin (Sam) and a member (Alex), whose three chores are due tomorrow. */
const tokens = { admin: "", member: "" };

beforeAll(async () => {
  [chorus, browser] = await Promise.all([startChorus(), launchChromium()]);
  const signUp = async (username: string, displayName: string) => {
    const client = createClient({ baseUrl: chorus.baseUrl });
    const { token, user } = await client.auth.signup({
      username,
      email: `${username}@example.com`,
      password: `${username}-secret-pw`,
      displayName,
    });
    client.setToken(token);
    return { client, token, user };
  };
  const sam = await signUp("sam", "Sam");
  const alex = await signUp("alex", "Alex");
  await alex.client.circles.join({ inviteCode: (await sam.client.circles.current()).inviteCode! });
  await sam.client.circles.accept(alex.user.id);
  const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString();
  for (const name of ["Feed the cat", "Water the plants", "Empty the bins"]) {
    await sam.client.chores.create({
      name,
      frequency: { type: "daily" },
      nextDueDate: tomorrow,
      points: 2,
      assignees: [alex.user.id],
      assignedTo: alex.user.id,
    });
  }
  Object.assign(tokens, { admin: sam.token, member: alex.token });
});

afterAll(async () => {
  await browser?.close();
  await chorus?.stop();
  expect(pageErrors).toEqual([]);
});

/** A fresh browser (nothing cached) signed in with `token`, with every layout shift recorded. */
async function coldPage(viewport: { width: number; height: number }, token: string): Promise<Page> {
  const context = await newPerson(browser, chorus.baseUrl);
  await context.addInitScript((signIn: string) => {
    if (!location.protocol.startsWith("http")) return; // about:blank has no storage
    localStorage.setItem("chorus.token", signIn);
    const shifts: number[] = [];
    (window as unknown as { layoutShifts: number[] }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: "layout-shift", buffered: true });
  }, token);
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  return page;
}

/**
 * Opens the tasks page with GET /chores held until `release()`. With `?view=mine` (the same
 * list) index.html sends no early request, so the page asks for the account, the circle and
 * the chores on its own, as it does for the other views and while acting as someone: the
 * skeleton stands in while the chores are on their way.
 */
async function openHoldingChores(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/chores(\?.*)?$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto("/?view=mine");
  await page.getByTestId("task-list-skeleton").waitFor();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  return release;
}

async function layoutShiftTotal(page: Page): Promise<number> {
  // Let a late shift (a font, a late panel) be recorded before reading them.
  await page.waitForTimeout(500);
  const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts);
  return shifts.reduce((sum, value) => sum + value, 0);
}

const upcoming = (page: Page) => page.locator(".task-groups").filter({ has: page.getByRole("heading", { name: /^Upcoming/ }) });

describe.each(Object.entries(SCREENS))("a member's tasks page on a cold load, %s", (screen, viewport) => {
  test("the skeleton has the list's place and height, and nothing shifts", async () => {
    const page = await coldPage(viewport, tokens.member);
    const release = await openHoldingChores(page);
    const before = (await page.getByTestId("task-list-skeleton").boundingBox())!;
    if (screen !== "desktop") await saveScreenshot(page, `tasks-loading-${screen}`);

    release();
    await upcoming(page).waitFor();
    await expect(page.getByTestId("task-list-skeleton").count()).resolves.toBe(0);
    const after = (await upcoming(page).boundingBox())!;

    expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1);
    expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(4);
    expect(await layoutShiftTotal(page)).toBeLessThanOrEqual(0.01);
    await page.context().close();
  });
});

test("on an admin's phone the panel and checklist arrive with the list, pushing nothing", async () => {
  const page = await coldPage(PHONE, tokens.admin);
  const release = await openHoldingChores(page);
  // The members and the circle are in; the panel and checklist wait for the chores so they cannot push the list down.
  await expect(page.getByRole("button", { name: "Choose User" }).count()).resolves.toBe(0);
  release();
  await page.getByRole("button", { name: "Choose User" }).waitFor();
  await page.getByText("Nothing to do. Enjoy!").waitFor();
  expect(await layoutShiftTotal(page)).toBeLessThanOrEqual(0.01);
  await page.context().close();
});

test("a cold load of the tasks page downloads at most 155 kB of JavaScript", async () => {
  const page = await coldPage(PHONE, tokens.member);
  await page.goto("/");
  await page.getByRole("heading", { name: /^Upcoming/ }).waitFor();
  const scripts = await page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.endsWith(".js"))
      .map((entry) => ({ url: new URL(entry.name).pathname, bytes: entry.encodedBodySize })),
  );
  const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
  expect(scripts.length).toBeGreaterThan(0);
  if (total > COLD_LOAD_JS_BYTES) throw new Error(`A cold load sent ${total} bytes of JavaScript: ${JSON.stringify(scripts)}`);
  await page.context().close();
});

test("the first screen comes from one request, sent before the app's JavaScript has run, and nothing shifts", async () => {
  const page = await coldPage(PHONE, tokens.member);
  const requested: string[] = [];
  let sawEarlyRequest!: () => void;
  const earlyRequest = new Promise<void>((resolve) => (sawEarlyRequest = resolve));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v1/pages/tasks") sawEarlyRequest();
    if (url.pathname.startsWith("/api/v1/")) requested.push(url.pathname);
  });
  // The app's JavaScript is held until the page's request has gone out: only index.html's
  // own script (allowed by the server's Content-Security-Policy) can have sent it.
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route: Route) => {
    await earlyRequest;
    await route.continue();
  });
  await page.goto("/");
  await upcoming(page).waitFor();
  await page.getByText("Feed the cat").waitFor();
  // What the first screen shows was all in that answer: none of its four queries asked again.
  expect(requested.filter((path) => path === "/api/v1/pages/tasks")).toHaveLength(1);
  for (const separate of ["/api/v1/users/me", "/api/v1/circles/current", "/api/v1/circles/current/members", "/api/v1/chores"]) {
    expect(requested).not.toContain(separate);
  }
  expect(await layoutShiftTotal(page)).toBeLessThanOrEqual(0.01);
  await page.context().close();
});

test("when the early answer is slower than the app, the app waits for it instead of asking again", async () => {
  const page = await coldPage(PHONE, tokens.member);
  const requested: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/v1/")) requested.push(url.pathname);
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/pages\/tasks(\?.*)?$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.goto("/");
  await page.getByText("Loading your account…").waitFor();
  release();
  await upcoming(page).waitFor();
  expect(requested.filter((path) => ["/api/v1/pages/tasks", "/api/v1/users/me", "/api/v1/chores"].includes(path))).toEqual([
    "/api/v1/pages/tasks",
  ]);
  expect(await layoutShiftTotal(page)).toBeLessThanOrEqual(0.01);
  await page.context().close();
});
