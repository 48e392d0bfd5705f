import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

/** Debian's Chromium: Playwright's own browser download is not available on our machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** `extraArgs`: more Chromium switches, for example `--host-resolver-rules` to reach the server by another name. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/** Uncaught exceptions in any page: a test run should end with none. */
export const pageErrors: string[] = [];

/** A wall tablet in landscape, every person's window unless a test says otherwise. */
const WINDOW = { width: 1180, height: 820 };
/** A common phone (iPhone 12 to 15) in portrait. */
export const PHONE = { width: 390, height: 844 };
/** The sizes screenshots are taken at besides the phone: a laptop, and a 10-inch tablet in landscape. */
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 1024, height: 768 };

/** The page scrolls sideways: something is wider than the window. */
export const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** One person's browser: own storage, a Berlin clock, a tablet-sized window, British English unless `locale` says otherwise. */
export async function newPerson(browser: Browser, baseUrl: string, locale = "en-GB"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, timezoneId: "Europe/Berlin", locale, viewport: WINDOW });
  // Waits end as soon as their condition holds; the limit only has to outlast a busy CI machine.
  context.setDefaultTimeout(30_000);
  context.on("page", (page) => page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`)));
  return context;
}

const screenshotDir = path.resolve(__dirname, "../../../docs/screenshots");

/** A full-page PNG in docs/screenshots; earlier pop-up messages are dismissed unless kept. */
export async function saveScreenshot(page: Page, name: string, options: { keepMessages?: boolean } = {}): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  if (!options.keepMessages) {
    const dismiss = page.getByRole("button", { name: "Dismiss message" });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** Runs `steps` with the window at phone size, then back at tablet size. */
export async function onPhone(page: Page, steps: () => Promise<void>): Promise<void> {
  await page.setViewportSize(PHONE);
  try {
    await steps();
  } finally {
    await page.setViewportSize(WINDOW);
  }
}

type Box = NonNullable<Awaited<ReturnType<Locator["boundingBox"]>>>;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not visible`);
  return box;
}

/** Where the signed-in header's brand, Sign out button and main navigation links are drawn. */
export async function headerLayout(page: Page): Promise<{ brand: Box; signOut: Box; links: Box[] }> {
  const header = page.getByRole("banner");
  const [brand, signOut, links] = await Promise.all([
    boxOf(header.getByRole("link", { name: "Chorus", exact: true })),
    boxOf(header.getByRole("button", { name: "Sign out" })),
    header
      .getByRole("navigation", { name: "Main" })
      .getByRole("link")
      .all()
      .then((all) => Promise.all(all.map(boxOf))),
  ]);
  return { brand, signOut, links };
}
