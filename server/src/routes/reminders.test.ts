import type { UpdateReminderSettingsRequest } from "@chorus/shared";
import { webhookSignature } from "../reminders/channels";
import { expectInvalidField, rawRequest } from "../test/choreFactories";
import { createHousehold, expectApiError, signUp, type TestUser } from "../test/factories";
import { createDestinationPolicy } from "../reminders/destinations";
import { readError, startTestServer, testConfig, type TestServer } from "../test/harness";
import { newPushSubscriber, verifyVapidAuthorization } from "../test/pushSubscriber";
import { startReceiver, type Receiver } from "../test/receiver";

let server: TestServer;
let receiver: Receiver;
beforeAll(async () => {
  [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
});
afterAll(() => Promise.all([server.close(), receiver.close()]));
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.respond = () => 200;
});

const off: UpdateReminderSettingsRequest = {
  push: { enabled: false },
  webhook: null,
  ntfy: null,
  when: { due: true, overdue: true },
  quietHours: null,
};

describe("reminder settings", () => {
  it("start with every channel off, reminders on due and overdue chores, no quiet hours", async () => {
    const user = await signUp(server);
    expect(await user.client.reminders.settings()).toEqual({
      push: { enabled: false, subscriptions: 0 },
      webhook: null,
      ntfy: null,
      email: { enabled: false, address: user.user.email, available: false },
      gotify: null,
      discord: null,
      slack: null,
      telegram: null,
      when: { due: true, overdue: true },
      events: { approvalNeeded: true, rewardRequested: true },
      quietHours: null,
    });
    expect(await user.client.reminders.vapidPublicKey()).toEqual({ publicKey: server.config.reminders.vapid.publicKey });
  });

  it("are saved whole and read back; the webhook secret is shown only when generated", async () => {
    const user = await signUp(server);
    const body: UpdateReminderSettingsRequest = {
      push: { enabled: true },
      webhook: { url: "https://ha.example.org/api/webhook/chorus" },
      ntfy: { serverUrl: "http://ntfy.lan", topic: "our-chores_1" },
      when: { due: false, overdue: true },
      quietHours: { start: "22:00", end: "07:30" },
    };
    const saved = await user.client.reminders.updateSettings(body);
    expect(saved.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    const expected = {
      push: { enabled: true, subscriptions: 0 },
      webhook: { url: "https://ha.example.org/api/webhook/chorus" },
      ntfy: { serverUrl: "http://ntfy.lan", topic: "our-chores_1" },
      email: { enabled: false, address: user.user.email, available: false },
      gotify: null,
      discord: null,
      slack: null,
      telegram: null,
      when: { due: false, overdue: true },
      events: { approvalNeeded: true, rewardRequested: true },
      quietHours: { start: "22:00", end: "07:30" },
    };
    expect(saved).toEqual({ ...expected, webhookSecret: saved.webhookSecret });
    const read = await user.client.reminders.settings();
    expect(read).toEqual(expected);
    expect(JSON.stringify(read)).not.toContain(saved.webhookSecret);

    // Saving again keeps the secret and does not show it; rotating makes a new one.
    const again = await user.client.reminders.updateSettings({ ...body, webhook: { url: "https://example.org/hook" } });
    expect(again.webhookSecret).toBeUndefined();
    const rotated = await user.client.reminders.updateSettings({
      ...body,
      webhook: { url: "https://example.org/hook", rotateSecret: true },
    });
    expect(rotated.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.webhookSecret).not.toBe(saved.webhookSecret);

    const { events } = await user.client.circles.audit({ action: "reminders.settings_updated" });
    expect(events).toHaveLength(3);
    // The audit log says which channels are on, never where they point.
    expect(JSON.stringify(events)).not.toMatch(/example\.org|ntfy\.lan|our-chores/);
  });

  it("are personal: each member sees only their own", async () => {
    const { admin, member } = await createHousehold(server);
    await member.client.reminders.updateSettings({ ...off, ntfy: { serverUrl: "https://ntfy.sh", topic: "member-topic" } });
    expect((await admin.client.reminders.settings()).ntfy).toBeNull();
    expect((await member.client.reminders.settings()).ntfy).toEqual({ serverUrl: "https://ntfy.sh", topic: "member-topic" });
  });

  it("refuse impersonation on every reminder endpoint", async () => {
    const { admin, member } = await createHousehold(server);
    admin.client.setImpersonateUserId(member.user.id);
    try {
      await expectApiError(admin.client.reminders.settings(), 403, "impersonation_not_supported");
      await expectApiError(admin.client.reminders.updateSettings(off), 403, "impersonation_not_supported");
      await expectApiError(admin.client.reminders.test(), 403, "impersonation_not_supported");
      await expectApiError(admin.client.reminders.vapidPublicKey(), 403, "impersonation_not_supported");
      await expectApiError(
        admin.client.reminders.subscribePush(newPushSubscriber("https://push.example/x").subscription),
        403,
        "impersonation_not_supported",
      );
    } finally {
      admin.client.clearImpersonation();
    }
    expect(await member.client.reminders.settings()).toMatchObject({ push: { enabled: false }, ntfy: null });
  });

  it("need a signed-in user", async () => {
    const response = await server.fetch("/users/me/reminders");
    expect(response.status).toBe(401);
    expect((await readError(response)).code).toBe("unauthenticated");
  });

  it.each([
    [{ ...off, webhook: { url: "ftp://files.lan/hook" } }, "webhook.url"],
    [{ ...off, webhook: { url: "not a url" } }, "webhook.url"],
    [{ ...off, webhook: { url: "https://user:pass@example.org/hook" } }, "webhook.url"],
    [{ ...off, ntfy: { serverUrl: "javascript:alert(1)", topic: "t" } }, "ntfy.serverUrl"],
    [{ ...off, ntfy: { serverUrl: "https://ntfy.sh", topic: "has space" } }, "ntfy.topic"],
    [{ ...off, quietHours: { start: "24:00", end: "07:00" } }, "quietHours.start"],
    [{ ...off, when: { due: true } }, "when.overdue"],
    [{ ...off, push: undefined }, "push"],
    [{ ...off, extra: 1 }, "extra"],
  ])("refuse %j naming %s", async (body, field) => {
    const user = await signUp(server);
    await expectInvalidField(user.client.reminders.updateSettings(body as UpdateReminderSettingsRequest), field);
  });
});

describe("Send test", () => {
  async function configured(user: TestUser, receiverUrl = receiver.url) {
    return user.client.reminders.updateSettings({
      ...off,
      webhook: { url: `${receiverUrl}/hook` },
      ntfy: { serverUrl: `${receiverUrl}/`, topic: "chores" },
    });
  }

  it("posts a signed webhook and an ntfy message, and says each arrived", async () => {
    const user = await signUp(server);
    const { webhookSecret } = await configured(user);
    expect(await user.client.reminders.test()).toEqual({
      results: [
        { channel: "webhook", ok: true, error: null },
        { channel: "ntfy", ok: true, error: null },
      ],
    });

    const webhook = receiver.requests.find(({ path }) => path === "/hook")!;
    expect(webhook.method).toBe("POST");
    expect(webhook.headers["content-type"]).toBe("application/json");
    const timestamp = webhook.headers["x-chorus-timestamp"] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(webhook.headers["x-chorus-signature"]).toBe(webhookSignature(webhookSecret!, timestamp, webhook.body.toString("utf8")));
    expect(JSON.parse(webhook.body.toString("utf8"))).toMatchObject({
      event: "test",
      title: "Chorus test reminder",
      chore: null,
      user: { id: user.user.id, username: user.user.username },
    });

    const ntfy = receiver.requests.find(({ path }) => path === "/chores")!;
    expect(ntfy.headers).toMatchObject({ title: "Chorus test reminder", priority: "3", tags: "broom" });
    expect(ntfy.headers["content-type"]).toMatch(/^text\/plain/);
    expect(ntfy.body.toString("utf8")).toBe("Reminders from Chorus reach you here.");
  });

  it("reports a receiver's error status, does not follow redirects, and reports unreachable hosts", async () => {
    const user = await signUp(server);
    await configured(user);
    receiver.respond = ({ path }) => (path === "/hook" ? 500 : 302);
    expect((await user.client.reminders.test()).results).toEqual([
      { channel: "webhook", ok: false, error: "answered 500" },
      { channel: "ntfy", ok: false, error: "answered 302 (redirects are not followed)" },
    ]);
    expect(receiver.requests).toHaveLength(2);

    await configured(user, "http://127.0.0.1:9");
    const { results } = await user.client.reminders.test();
    expect(results.map(({ ok }) => ok)).toEqual([false, false]);
    expect(results[0]!.error).toMatch(/^could not connect/);
  });

  it("sends an encrypted, VAPID-signed push to each subscribed browser", async () => {
    const user = await signUp(server);
    const browser = newPushSubscriber(`${receiver.url}/push/browser-1`);
    await user.client.reminders.subscribePush(browser.subscription);
    await user.client.reminders.updateSettings({ ...off, push: { enabled: true } });
    expect((await user.client.reminders.test()).results).toEqual([{ channel: "push", ok: true, error: null }]);

    const push = receiver.requests[0]!;
    expect(push.path).toBe("/push/browser-1");
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers.ttl).toBe(String(24 * 3600));
    const claims = verifyVapidAuthorization(push.headers.authorization, server.config.reminders.vapid.publicKey);
    expect(claims).toMatchObject({ aud: receiver.url, sub: "mailto:tests@chorus.test" });
    expect(push.body.toString("utf8")).not.toContain("Chorus");
    expect(browser.decrypt(push.body)).toEqual({
      title: "Chorus test reminder",
      body: "Reminders from Chorus reach you here.",
      tag: "chorus-test",
      url: "/account/reminders",
    });
  });

  it("removes a subscription the push service says is gone", async () => {
    const user = await signUp(server);
    await user.client.reminders.subscribePush(newPushSubscriber(`${receiver.url}/push/gone`).subscription);
    await user.client.reminders.updateSettings({ ...off, push: { enabled: true } });
    receiver.respond = () => 410;
    expect((await user.client.reminders.test()).results).toEqual([{ channel: "push", ok: false, error: "answered 410" }]);
    expect((await user.client.reminders.settings()).push).toEqual({ enabled: true, subscriptions: 0 });
    expect((await user.client.reminders.test()).results).toEqual([{ channel: "push", ok: false, error: "no browser is subscribed" }]);
  });

  it("asks for a channel first when none is on", async () => {
    const user = await signUp(server);
    await expectApiError(user.client.reminders.test(), 409, "invalid_state");
    await user.client.reminders.updateSettings(off);
    await expectApiError(user.client.reminders.test(), 409, "invalid_state");
    expect(receiver.requests).toEqual([]);
  });
});

describe("push subscriptions", () => {
  it("are added, counted, moved to whoever subscribes the browser last, and removed", async () => {
    const [first, second] = await Promise.all([signUp(server), signUp(server)]);
    const browser = newPushSubscriber("https://push.example.net/send/abc");
    expect(await first.client.reminders.subscribePush(browser.subscription)).toEqual({
      id: expect.any(Number),
      endpoint: browser.subscription.endpoint,
    });
    // Subscribing again is harmless.
    await first.client.reminders.subscribePush(browser.subscription);
    expect((await first.client.reminders.settings()).push.subscriptions).toBe(1);

    await second.client.reminders.subscribePush(browser.subscription);
    expect((await first.client.reminders.settings()).push.subscriptions).toBe(0);
    expect((await second.client.reminders.settings()).push.subscriptions).toBe(1);

    await expectApiError(first.client.reminders.unsubscribePush({ endpoint: browser.subscription.endpoint }), 404, "not_found");
    await second.client.reminders.unsubscribePush({ endpoint: browser.subscription.endpoint });
    expect((await second.client.reminders.settings()).push.subscriptions).toBe(0);
    await expectApiError(second.client.reminders.unsubscribePush({ endpoint: browser.subscription.endpoint }), 404, "not_found");
  });

  it("refuse malformed subscriptions naming the field", async () => {
    const user = await signUp(server);
    const { subscription } = newPushSubscriber("https://push.example.net/send/def");
    await expectInvalidField(
      user.client.reminders.subscribePush({ ...subscription, keys: { ...subscription.keys, p256dh: "short" } }),
      "keys.p256dh",
    );
    await expectInvalidField(user.client.reminders.subscribePush({ ...subscription, endpoint: "file:///etc/passwd" }), "endpoint");
    // Well-formed base64url, but not a point on the curve: encrypting to it could never work.
    await expectInvalidField(
      user.client.reminders.subscribePush({ ...subscription, keys: { ...subscription.keys, p256dh: `B${"A".repeat(86)}` } }),
      "keys.p256dh",
    );
    const { status, error } = await rawRequest(server, user, "DELETE", "/users/me/push-subscriptions", {});
    expect(status).toBe(400);
    expect(error?.details?.fields).toHaveProperty("endpoint");
  });
});

describe("reminders to private networks, on a server that allows none", () => {
  let closedServer: TestServer;
  beforeAll(async () => {
    const defaults = testConfig().reminders;
    closedServer = await startTestServer({ reminders: { ...defaults, destinations: createDestinationPolicy([]) } });
  });
  afterAll(() => closedServer.close());

  it.each([
    [{ ...off, webhook: { url: "http://127.0.0.1:8123/hook" } }, "webhook.url"],
    [{ ...off, webhook: { url: "http://localhost:8123/hook" } }, "webhook.url"],
    [{ ...off, webhook: { url: "http://[::1]/hook" } }, "webhook.url"],
    [{ ...off, ntfy: { serverUrl: "http://169.254.169.254", topic: "metadata" } }, "ntfy.serverUrl"],
    [{ ...off, ntfy: { serverUrl: "http://192.168.1.5:8080", topic: "chores" } }, "ntfy.serverUrl"],
  ])("refuses to save %j naming %s and the setting that would allow it", async (body, field) => {
    const user = await signUp(closedServer);
    const error = await user.client.reminders.updateSettings(body).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      status: 400,
      code: "validation_failed",
      details: { fields: { [field]: expect.stringContaining("REMINDER_ALLOWED_PRIVATE_NETWORKS") } },
    });
    expect((await user.client.reminders.settings()).webhook).toBeNull();
  });

  it("refuses a push endpoint on a private network", async () => {
    const user = await signUp(closedServer);
    const { subscription } = newPushSubscriber("http://10.0.0.1/push/x");
    await expectInvalidField(user.client.reminders.subscribePush(subscription), "endpoint");
  });

  it("does not send to a target that became private after it was saved, and says why", async () => {
    const user = await signUp(closedServer);
    // Saved when the operator still allowed it (or when its name still resolved elsewhere).
    await closedServer.db.prisma.reminderSettings.create({
      data: { userId: user.user.id, pushEnabled: false, webhookUrl: `${receiver.url}/hook`, webhookSecret: "s".repeat(64) },
    });
    expect((await user.client.reminders.test()).results).toEqual([
      { channel: "webhook", ok: false, error: expect.stringMatching(/^not sent: 127\.0\.0\.1 is on a private network/) },
    ]);
    expect(receiver.requests).toHaveLength(0);
  });
});
