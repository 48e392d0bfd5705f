/**
 * Two-step sign-in (decision 0041) in a real Chromium: setting up an authenticator app from
 * the Account page (its key read off the screen, its codes made by the same TOTP library the
 * server checks with), the recovery codes shown once, and the sign-in's second step; then
 * passkeys with Chromium's virtual authenticator (CDP WebAuthn): registering one, signing in
 * with it and no username, and using it as the second step. The pages are opened on
 * `localhost`, the origin WEBAUTHN_ORIGIN names (passkeys cannot be bound to an IP address).
 */
import { createClient } from "@chorus/shared";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import { PHONE, saveScreenshot } from "./support/browser";
import { signOut } from "./support/flows";
import { chorusSuite } from "./support/suite";

const suite = chorusSuite({ env: (port) => ({ WEBAUTHN_ORIGIN: `http://localhost:${port}` }) });
const { browserFor } = suite;

const origin = () => suite.chorus.baseUrl.replace("127.0.0.1", "localhost");
const codeFor = (secret: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

async function signUpByApi(username: string) {
  const password = `${username}-secret-pw`;
  await createClient({ baseUrl: suite.chorus.baseUrl }).auth.signup({ username, email: `${username}@example.com`, password });
  return { username, password };
}

async function passwordStep(page: Page, who: { username: string; password: string }) {
  await page.goto(`${origin()}/signin`);
  await page.getByLabel("Username or email").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const openAccount = (page: Page) => page.getByRole("link", { name: "Account", exact: true }).click();
const twoStep = (page: Page) => page.getByRole("region", { name: "Two-step sign-in" });

it("sets up an authenticator app with its QR code, shows the recovery codes once, and asks for a code at sign-in", async () => {
  const page = await browserFor();
  const tess = await signUpByApi("tess");
  await passwordStep(page, tess);
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await openAccount(page);
  await twoStep(page).getByRole("button", { name: "Set up an authenticator app" }).click();
  await twoStep(page).getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await saveScreenshot(page, "mfa-totp-setup");
  // Kept: on a busy machine the next 30-second window may have begun by the time it is reused below.
  const turnedOnWith = codeFor(secret);
  await page.getByLabel("Code from your authenticator app").fill(turnedOnWith);
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = (await page.getByTestId("recovery-codes").textContent())!.trim().split(/\s+/);
  expect(codes).toHaveLength(10);
  await page.setViewportSize(PHONE);
  await saveScreenshot(page, "mfa-recovery-codes-phone");
  await page.getByRole("button", { name: "Done" }).click();
  await twoStep(page).getByText("10 of 10 recovery codes left").waitFor();

  await signOut(page);
  await passwordStep(page, tess);
  const code = page.getByLabel("Code from your authenticator app");
  expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "mfa-second-step-phone-dark");
  await page.emulateMedia({ colorScheme: "light" });
  // A recovery code in the wrong case works once.
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();

  await signOut(page);
  await passwordStep(page, tess);
  // The code that turned the app on is used up; the next one signs in.
  await code.fill(turnedOnWith);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("alert").getByText("Wrong or already used code").waitFor();
  await code.fill(codeFor(secret, 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
});

it("registers a passkey in Chromium's virtual authenticator, signs in with it alone, and uses it as the second step", async () => {
  const page = await browserFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const pat = await signUpByApi("pat");
  await passwordStep(page, pat);
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await openAccount(page);
  await twoStep(page).getByLabel("Passkey name").fill("Laptop");
  await twoStep(page).getByRole("button", { name: "Add a passkey" }).click();
  await page.getByRole("list", { name: "Your passkeys" }).getByRole("button", { name: "Remove… Laptop" }).waitFor();
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toEqual([expect.objectContaining({ isResidentCredential: true })]);
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "mfa-passkeys-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();

  await signOut(page);
  await passwordStep(page, pat);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await openAccount(page);
  await page
    .getByRole("list", { name: "Your passkeys" })
    .getByText(/last used/)
    .waitFor();
});

it("an admin with a passkey and a sign-in older than ten minutes starts viewing as a member with the passkey (decision 0046)", async () => {
  const page = await browserFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const quinn = await signUpByApi("quinn");
  const riley = await signUpByApi("riley");
  // Riley joins Quinn's circle through the API: the browser part is the step-up.
  const api = (token: string) => createClient({ baseUrl: suite.chorus.baseUrl, token });
  const signIn = async (who: { username: string; password: string }) =>
    api((await createClient({ baseUrl: suite.chorus.baseUrl }).auth.login({ login: who.username, password: who.password })).token);
  const [admin, member] = await Promise.all([signIn(quinn), signIn(riley)]);
  await member.circles.join({ inviteCode: (await admin.circles.current()).inviteCode! });
  await admin.circles.accept((await member.users.me()).id);

  await passwordStep(page, quinn);
  await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
  await openAccount(page);
  await twoStep(page).getByLabel("Passkey name").fill("Laptop");
  await twoStep(page).getByRole("button", { name: "Add a passkey" }).click();
  await page.getByRole("list", { name: "Your passkeys" }).getByRole("button", { name: "Remove… Laptop" }).waitFor();
  await suite.restartWithSql(
    `UPDATE "Session" SET "createdAt" = "createdAt" - interval '11 minutes', "steppedUpAt" = "steppedUpAt" - interval '11 minutes'`,
  );

  await page.goto(`${origin()}/`);
  await page.getByRole("button", { name: "Choose User" }).click();
  await page.getByRole("list", { name: "Members you can view tasks as" }).getByRole("button", { name: /riley/i }).click();
  const form = page.getByRole("form", { name: "Confirm it is you" });
  await form.getByLabel("Your password").waitFor();
  await saveScreenshot(page, "step-up-passkey");
  await page.setViewportSize(PHONE);
  await page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot(page, "step-up-passkey-phone-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await form.getByRole("button", { name: "Use a passkey" }).click();
  await page
    .getByRole("region", { name: "Viewing tasks as another member" })
    .getByText(/view only/)
    .waitFor();
  expect(await form.count()).toBe(0);
});
