/**
 * What a browser test file shares: one Chorus server and one Chromium for the file, a fresh
 * browser context per person, and no uncaught page error at the end. Call it at the top
 * level of the test file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, newPerson, pageErrors } from "./browser";
import { freePort, runSqlWhileStopped, startChorus, type ChorusOptions, type RunningChorus } from "./chorus-server";

export interface ChorusSuite {
  /** The running server (after the file's beforeAll). */
  readonly chorus: RunningChorus;
  /** A new person's browser window (a property, so it can be taken out of the suite); `locale` is its browser's language. */
  browserFor: (locale?: string) => Promise<Page>;
  /** Stops the server, runs `sql` on its database and starts it again on the same port: open pages keep their sign-ins. */
  restartWithSql: (sql: string) => Promise<void>;
}

export function chorusSuite(options: ChorusOptions = {}): ChorusSuite {
  let chorus: RunningChorus | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  // Kept across a restart (restartWithSql), removed at the end.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "chorus-e2e-"));
  let port: number;
  beforeAll(async () => {
    port = options.port ?? (await freePort());
    [chorus, browser] = await Promise.all([startChorus({ ...options, dataDir, port }), launchChromium()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await chorus?.stop();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    expect(pageErrors).toEqual([]);
  });
  return {
    get chorus() {
      if (!chorus) throw new Error("Chorus is not started yet: use the suite inside a test");
      return chorus;
    },
    browserFor: async (locale?: string) => {
      if (!browser || !chorus) throw new Error("Chromium is not started yet: use the suite inside a test");
      const context = await newPerson(browser, chorus.baseUrl, locale);
      contexts.push(context);
      return context.newPage();
    },
    restartWithSql: async (sql) => {
      await chorus?.stop();
      chorus = undefined;
      await runSqlWhileStopped(dataDir, sql);
      chorus = await startChorus({ ...options, dataDir, port });
    },
  };
}
