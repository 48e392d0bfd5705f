import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium: Playwright's own browser download is not available on our machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

/** Uncaught exceptions in any page: a test run should end with none. */
export const pageErrors: string[] = [];

/** One person's browser: own storage, a Berlin clock, a tablet-sized window. */
export async function newPerson(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, timezoneId: "Europe/Berlin", locale: "en-GB", viewport: { width: 1180, height: 820 } });
  context.setDefaultTimeout(10_000);
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
