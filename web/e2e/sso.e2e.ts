/**
 * Single sign-on (decision 0040) in a real Chromium: the sign-in page's "Sign in with
 * Test ID" button, the provider's own sign-in page (oidc-provider, its own process on
 * loopback), back through /sso/callback into Chorus with a new account, and the linked
 * account on the Account page. Screenshots of the sign-in page (desktop, phone, dark) and
 * the Account page's section.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { PHONE, saveScreenshot } from "./support/browser";
import { freePort, type ChorusOptions } from "./support/chorus-server";
import { chorusSuite } from "./support/suite";

const options: ChorusOptions = {};
let provider: ChildProcess | undefined;

// Before the suite's own beforeAll: Chorus starts with this provider's settings.
beforeAll(async () => {
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/sso/callback`;
  provider = spawn(process.execPath, [path.resolve(__dirname, "../../server/dist/test-oidc-provider.js")], {
    env: {
      ...process.env,
      OIDC_TEST_REDIRECT_URI: redirectUri,
      OIDC_TEST_ACCOUNTS: JSON.stringify({ robin: { email: "robin@example.com", emailVerified: true, name: "Robin" } }),
    },
    stdio: ["ignore", "pipe", "ignore"],
  });
  // Its first line of output names the issuer and the client.
  const [line] = await once(createInterface({ input: provider.stdout! }), "line");
  const { issuer, clientId, clientSecret } = JSON.parse(line as string) as { issuer: string; clientId: string; clientSecret: string };
  options.port = port;
  options.env = {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_REDIRECT_URI: redirectUri,
    OIDC_NAME: "Test ID",
  };
});
afterAll(() => provider?.kill("SIGTERM"));

const suite = chorusSuite(options);

test("a new person signs in with the provider's button, through its sign-in page, into their own circle", async () => {
  const page = await suite.browserFor();
  await page.goto("/signin");
  const button = page.getByRole("button", { name: "Sign in with Test ID" });
  await button.waitFor();
  await saveScreenshot(page, "sso-sign-in");
  await page.setViewportSize(PHONE);
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "sso-sign-in-phone-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await button.click();
  // The provider's own page (its development sign-in form: any password).
  await page.waitForURL((url) => url.pathname.startsWith("/interaction/"));
  await page.locator('input[name="login"]').fill("robin");
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();

  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  // The code and state were spent and taken off the address bar.
  expect(new URL(page.url()).search).toBe("");

  await page.goto("/account");
  const section = page.getByRole("region", { name: "Single sign-on" });
  await section.getByRole("button", { name: "Unlink… robin@example.com" }).waitFor();
  await saveScreenshot(page, "sso-account-phone");
});
