import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@chorus/shared";
import type { Browser } from "playwright-core";
import { DESKTOP, launchChromium, newPerson, onPhone, overflowsSideways, pageErrors, saveScreenshot } from "./support/browser";
import { startChorus, type RunningChorus } from "./support/chorus-server";
import { person, signUp } from "./support/flows";

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let chorus: RunningChorus;
let browser: Browser;
let ntfy: Server;
let ntfyUrl: string;
const received: Received[] = [];

// The stand-in listens on loopback, a private address the server's operator has to allow.
const receiversAllowed = { REMINDER_ALLOWED_PRIVATE_NETWORKS: "127.0.0.1" };

beforeAll(async () => {
  // A stand-in for a self-hosted ntfy server on the LAN.
  ntfy = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => ntfy.listen(0, "127.0.0.1", resolve));
  ntfyUrl = `http://127.0.0.1:${(ntfy.address() as AddressInfo).port}`;
  [chorus, browser] = await Promise.all([startChorus({ env: receiversAllowed }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await chorus?.stop();
  await new Promise((resolve) => ntfy?.close(resolve));
  expect(pageErrors).toEqual([]);
});

test("a member sets up ntfy reminders, a test reaches the ntfy server, and a push message shows as a notification", async () => {
  const context = await newPerson(browser, chorus.baseUrl);
  const page = await context.newPage();
  await signUp(page, person("riley", "Riley"));

  // The app is installable: a manifest, and a service worker to show push reminders.
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    return link ? ((await (await fetch(link.href)).json()) as { name: string; display: string }) : null;
  });
  expect(manifest).toMatchObject({ name: "Chorus", display: "standalone" });
  const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? null);
  expect(worker).toBe(`${chorus.baseUrl}/sw.js`);

  await page.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await page.getByRole("list", { name: "Your settings" }).getByRole("link", { name: "Reminders" }).click();
  await page.getByRole("heading", { level: 1, name: "Reminders" }).waitFor();
  await page.getByRole("checkbox", { name: "Send to an ntfy topic" }).check();
  await page.getByLabel("ntfy server").fill(ntfyUrl);
  await page.getByLabel("Topic", { exact: true }).fill("riley-chores");
  await page.getByRole("checkbox", { name: "Hold reminders during quiet hours (your time zone)" }).check();
  await page.getByRole("button", { name: "Save reminders" }).click();
  await page.getByText("Reminder settings saved.").waitFor();

  await page.getByRole("button", { name: "Send test" }).click();
  await page.getByRole("status", { name: "Test results" }).getByText("ntfy: sent").waitFor();
  expect(received).toEqual([
    expect.objectContaining({
      method: "POST",
      path: "/riley-chores",
      body: "Reminders from Chorus reach you here.",
      headers: expect.objectContaining({ title: "Chorus test reminder", priority: "3" }),
    }),
  ]);
  await saveScreenshot(page, "reminders");

  // A push message reaching the service worker becomes a notification (delivered the way
  // DevTools does: no push service is reachable from here).
  await context.grantPermissions(["notifications"], { origin: chorus.baseUrl });
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const registration = registrations.find((candidate) => candidate.scopeURL === `${chorus.baseUrl}/` && !candidate.isDeleted);
      if (registration) resolve(registration.registrationId);
    }),
  );
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: chorus.baseUrl,
    registrationId: await registrationId,
    data: JSON.stringify({ title: "Chore due", body: "“Bins” is due (Tue 1 Dec, 19:00).", tag: "chore-7", url: "/chores/7" }),
  });
  const shown = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    for (let i = 0; i < 50; i += 1) {
      const [notification] = await registration.getNotifications({ tag: "chore-7" });
      if (notification) return { title: notification.title, body: notification.body, data: notification.data as unknown };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  });
  expect(shown).toEqual({ title: "Chore due", body: "“Bins” is due (Tue 1 Dec, 19:00).", data: { url: "/chores/7" } });

  // Saved for good: a reload shows the same settings.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Reminders" }).waitFor();
  expect(await page.getByLabel("Topic", { exact: true }).inputValue()).toBe("riley-chores");
  await context.close();
});

test("the production server sends a due reminder on its own, once, and not again after a restart", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-e2e-restart-"));
  const env = { ...receiversAllowed, REMINDER_INTERVAL_SECONDS: "1" };
  const topicRequests = () => received.filter(({ path }) => path === "/restart-check");
  let server = await startChorus({ env, dataDir });
  try {
    const client = createClient({ baseUrl: server.baseUrl });
    const { token } = await client.auth.signup({ username: "casey", email: "casey@example.com", password: "casey-secret-pw" });
    client.setToken(token);
    await client.reminders.updateSettings({
      push: { enabled: false },
      webhook: null,
      ntfy: { serverUrl: ntfyUrl, topic: "restart-check" },
      when: { due: true, overdue: true },
      quietHours: null,
    });
    await client.chores.create({ name: "Empty the dishwasher", nextDueDate: new Date(Date.now() - 60_000).toISOString() });

    await waitUntil(() => topicRequests().length > 0);
    expect(topicRequests().map(({ body }) => body)).toEqual([expect.stringMatching(/^“Empty the dishwasher” is due/)]);

    await server.stop();
    server = await startChorus({ env, dataDir });
    // Several ticks of the restarted process: the reminder is already recorded as sent.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(topicRequests()).toHaveLength(1);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a member sends reminders to a Discord webhook; the saved URL is never shown again; the page fits a phone", async () => {
  const context = await newPerson(browser, chorus.baseUrl);
  const page = await context.newPage();
  await signUp(page, person("morgan", "Morgan"));
  await page.goto(`${chorus.baseUrl}/account/reminders`);
  await page.getByRole("heading", { level: 1, name: "Reminders" }).waitFor();
  await page.getByRole("checkbox", { name: "Send to a Discord webhook" }).check();
  await page.getByLabel("Discord webhook URL").fill(`${ntfyUrl}/api/webhooks/42/morgan-secret`);
  await page.getByRole("button", { name: "Save reminders" }).click();
  await page.getByText("Reminder settings saved.").waitFor();
  expect(await page.getByLabel("Discord webhook URL").inputValue()).toBe("");

  await page.getByRole("button", { name: "Send test" }).click();
  await page.getByRole("status", { name: "Test results" }).getByText("Discord: sent").waitFor();
  const hook = received.find(({ path }) => path === "/api/webhooks/42/morgan-secret");
  expect(hook && (JSON.parse(hook.body) as unknown)).toEqual({
    content: "**Chorus test reminder**\nReminders from Chorus reach you here.",
    allowed_mentions: { parse: [] },
  });

  await page.reload();
  await page.getByLabel("Discord webhook URL").waitFor();
  expect(await page.content()).not.toContain("morgan-secret");
  await saveScreenshot(page, "reminders-channels-tablet");
  await page.setViewportSize(DESKTOP);
  await saveScreenshot(page, "reminders-channels-desktop");
  await onPhone(page, async () => {
    expect(await overflowsSideways(page)).toBe(false);
    await saveScreenshot(page, "reminders-channels-phone");
  });
  await context.close();
});

async function waitUntil(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for the reminder");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
