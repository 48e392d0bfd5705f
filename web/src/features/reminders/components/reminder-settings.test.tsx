import type { ReminderSettings } from "@chorus/shared";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NoticesProvider } from "../../../components/notices";
import { apiError, ok, renderWithApi, type FakeHandler } from "../../../testing/fake-api";
import { ReminderSettingsPanel } from "./reminder-settings";

// The whole form re-renders on each typed key; typing URLs outlasts jest's 5 s on a busy machine.
jest.setTimeout(20_000);

const defaults: ReminderSettings = {
  push: { enabled: false, subscriptions: 0 },
  webhook: null,
  ntfy: null,
  email: { enabled: false, address: "sam@example.org", available: true },
  gotify: null,
  discord: null,
  slack: null,
  telegram: null,
  when: { due: true, overdue: true },
  events: { approvalNeeded: true, rewardRequested: true },
  quietHours: null,
};

function renderPanel(routes: Record<string, FakeHandler>) {
  return renderWithApi(
    <NoticesProvider>
      <ReminderSettingsPanel />
    </NoticesProvider>,
    { routes },
  );
}

const puts = (requests: ReturnType<typeof renderPanel>["requests"]) =>
  requests.filter((request) => request.method === "PUT").map((request) => request.body);

describe("Reminder settings", () => {
  it("shows the saved settings", async () => {
    renderPanel({
      "GET /users/me/reminders": () =>
        ok({
          ...defaults,
          push: { enabled: true, subscriptions: 2 },
          ntfy: { serverUrl: "http://ntfy.lan", topic: "house" },
          when: { due: false, overdue: true },
          quietHours: { start: "21:30", end: "06:45" },
        }),
    });
    expect(await screen.findByRole("checkbox", { name: /Send notifications to my subscribed browsers \(2 browsers\)/ })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "when a chore of mine falls due" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "when it is overdue" })).toBeChecked();
    expect(screen.getByLabelText("ntfy server")).toHaveValue("http://ntfy.lan");
    expect(screen.getByLabelText("Topic")).toHaveValue("house");
    expect(screen.getByRole("checkbox", { name: "Send to a webhook (Home Assistant, scripts)" })).not.toBeChecked();
    expect(screen.queryByLabelText("Webhook URL")).not.toBeInTheDocument();
    expect(screen.getByLabelText("From")).toHaveValue("21:30");
    expect(screen.getByLabelText("Until")).toHaveValue("06:45");
    // jsdom has no service workers: the page says so instead of offering a button that cannot work.
    expect(screen.getByText("This browser cannot show notifications from Chorus.")).toBeInTheDocument();
  });

  it("saves ntfy and quiet hours as one settings object", async () => {
    const user = userEvent.setup();
    const { requests } = renderPanel({
      "GET /users/me/reminders": () => ok(defaults),
      "PUT /users/me/reminders": (request) => ok({ ...defaults, ntfy: (request.body as Pick<ReminderSettings, "ntfy">).ntfy }),
    });
    await user.click(await screen.findByRole("checkbox", { name: "Send to an ntfy topic" }));
    expect(screen.getByLabelText("ntfy server")).toHaveValue("https://ntfy.sh");
    await user.clear(screen.getByLabelText("ntfy server"));
    await user.type(screen.getByLabelText("ntfy server"), "http://192.168.1.5:8080");
    await user.type(screen.getByLabelText("Topic"), "  chores-kitchen ");
    await user.click(screen.getByRole("checkbox", { name: "Hold reminders during quiet hours (your time zone)" }));
    await user.click(screen.getByRole("button", { name: "Save reminders" }));

    expect(await screen.findByText("Reminder settings saved.")).toBeInTheDocument();
    expect(puts(requests)).toEqual([
      {
        push: { enabled: false },
        webhook: null,
        ntfy: { serverUrl: "http://192.168.1.5:8080", topic: "chores-kitchen" },
        email: { enabled: false },
        gotify: null,
        discord: null,
        slack: null,
        telegram: null,
        when: { due: true, overdue: true },
        events: { approvalNeeded: true, rewardRequested: true },
        quietHours: { start: "22:00", end: "07:00" },
      },
    ]);
  });

  it("checks fields before sending and shows the server's field errors on the field", async () => {
    const user = userEvent.setup();
    const { requests } = renderPanel({
      "GET /users/me/reminders": () => ok(defaults),
      "PUT /users/me/reminders": () =>
        apiError(400, "validation_failed", "Invalid body", { fields: { "webhook.url": "Enter an http:// or https:// URL" } }),
    });
    await user.click(await screen.findByRole("checkbox", { name: "Send to an ntfy topic" }));
    await user.type(screen.getByLabelText("Topic"), "two words");
    await user.click(screen.getByRole("button", { name: "Save reminders" }));
    expect(screen.getByLabelText("Topic")).toHaveAccessibleDescription(/Topics are 1-64 letters, digits, - and _/);
    expect(puts(requests)).toEqual([]);

    await user.click(screen.getByRole("checkbox", { name: "Send to an ntfy topic" }));
    await user.click(screen.getByRole("checkbox", { name: "Send to a webhook (Home Assistant, scripts)" }));
    await user.type(screen.getByLabelText("Webhook URL"), "https://hooks.example.org/chorus");
    await user.click(screen.getByRole("button", { name: "Save reminders" }));
    expect(await screen.findByText("Please fix the highlighted field.")).toBeInTheDocument();
    expect(screen.getByLabelText("Webhook URL")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Webhook URL")).toHaveAccessibleDescription(/Enter an http:\/\/ or https:\/\/ URL/);
  });

  it("shows a new webhook secret once, after saving", async () => {
    const user = userEvent.setup();
    const secret = "a".repeat(64);
    const { requests } = renderPanel({
      "GET /users/me/reminders": () => ok(defaults),
      "PUT /users/me/reminders": () => ok({ ...defaults, webhook: { url: "https://hooks.example.org/chorus" }, webhookSecret: secret }),
    });
    await user.click(await screen.findByRole("checkbox", { name: "Send to a webhook (Home Assistant, scripts)" }));
    await user.type(screen.getByLabelText("Webhook URL"), "https://hooks.example.org/chorus");
    await user.click(screen.getByRole("button", { name: "Save reminders" }));
    const shown = await screen.findByRole("status", { name: "Webhook signing secret" });
    expect(within(shown).getByTestId("webhook-secret")).toHaveTextContent(secret);
    expect(puts(requests)[0]).toMatchObject({ webhook: { url: "https://hooks.example.org/chorus" } });
  });

  it("sends a test and lists how each channel went", async () => {
    const user = userEvent.setup();
    let answer = ok({
      results: [
        { channel: "webhook", ok: false, error: "answered 500" },
        { channel: "ntfy", ok: true, error: null },
      ],
    });
    const { requests } = renderPanel({
      "GET /users/me/reminders": () => ok(defaults),
      "POST /users/me/reminders/test": () => answer,
    });
    await user.click(await screen.findByRole("button", { name: "Send test" }));
    const results = await screen.findByRole("status", { name: "Test results" });
    expect(await within(results).findAllByRole("listitem")).toHaveLength(2);
    expect(
      within(results)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Webhook: not sent — answered 500", "ntfy: sent"]);
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);

    answer = apiError(409, "invalid_state", "Turn on at least one reminder channel (push, webhook or ntfy) and save before sending a test");
    await user.click(screen.getByRole("button", { name: "Send test" }));
    expect(await within(results).findByText(/Turn on at least one reminder channel/)).toBeInTheDocument();
  });
});

describe("Email, Gotify, Discord, Slack and Telegram", () => {
  const saved: ReminderSettings = {
    ...defaults,
    email: { enabled: true, address: "sam@example.org", available: true },
    gotify: { serverUrl: "https://gotify.example.org" },
    discord: { host: "discord.com" },
    telegram: { chatId: "-1001234" },
    events: { approvalNeeded: false, rewardRequested: true },
  };

  it("shows what is saved but never the secrets, and keeps them when their fields stay empty", async () => {
    const user = userEvent.setup();
    const { requests } = renderPanel({
      "GET /users/me/reminders": () => ok(saved),
      "PUT /users/me/reminders": () => ok(saved),
    });
    expect(await screen.findByRole("checkbox", { name: "Send email to sam@example.org" })).toBeChecked();
    expect(screen.getByLabelText("Gotify server")).toHaveValue("https://gotify.example.org");
    expect(screen.getByLabelText("Application token")).toHaveValue("");
    expect(screen.getByLabelText("Application token")).toHaveAccessibleDescription(/Saved. Leave empty to keep it/);
    expect(screen.getByLabelText("Discord webhook URL")).toHaveAccessibleDescription(/discord\.com/);
    expect(screen.getByLabelText("Chat id")).toHaveValue("-1001234");
    expect(screen.queryByLabelText("Slack webhook URL")).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "when a completion waits for approval" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "when someone asks for a reward" })).toBeChecked();

    await user.type(screen.getByLabelText("Bot token"), "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    await user.click(screen.getByRole("checkbox", { name: "Send to a Slack-compatible webhook (Slack, Mattermost)" }));
    await user.type(screen.getByLabelText("Slack webhook URL"), "https://hooks.slack.com/services/T/B/x");
    await user.click(screen.getByRole("checkbox", { name: "when a completion waits for approval" }));
    await user.click(screen.getByRole("button", { name: "Save reminders" }));
    expect(await screen.findByText("Reminder settings saved.")).toBeInTheDocument();
    expect(puts(requests)[0]).toMatchObject({
      email: { enabled: true },
      gotify: { serverUrl: "https://gotify.example.org" },
      discord: {},
      slack: { url: "https://hooks.slack.com/services/T/B/x" },
      telegram: { chatId: "-1001234", botToken: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" },
      events: { approvalNeeded: true, rewardRequested: true },
    });
    expect(puts(requests)[0]).not.toHaveProperty("gotify.token");
    // The typed secrets are cleared once saved.
    expect(screen.getByLabelText("Bot token")).toHaveValue("");
  });

  it("checks a new channel's fields before sending", async () => {
    const user = userEvent.setup();
    const { requests } = renderPanel({ "GET /users/me/reminders": () => ok(defaults) });
    await user.click(await screen.findByRole("checkbox", { name: "Send through a Telegram bot" }));
    await user.type(screen.getByLabelText("Chat id"), "my chat");
    await user.type(screen.getByLabelText("Bot token"), "nope");
    await user.click(screen.getByRole("button", { name: "Save reminders" }));
    expect(screen.getByLabelText("Chat id")).toHaveAccessibleDescription(/Use a numeric chat id or @channelname/);
    expect(screen.getByLabelText("Bot token")).toHaveAccessibleDescription(/Paste the token BotFather gave you/);
    expect(puts(requests)).toEqual([]);
  });

  it("cannot turn email on when the server has no mail settings", async () => {
    renderPanel({
      "GET /users/me/reminders": () => ok({ ...defaults, email: { enabled: false, address: "sam@example.org", available: false } }),
    });
    expect(await screen.findByRole("checkbox", { name: "Send email to sam@example.org" })).toBeDisabled();
    expect(screen.getByText(/This server has no mail settings/)).toBeInTheDocument();
  });
});

describe("Browser notifications", () => {
  const subscription = { endpoint: "https://push.example.net/abc", keys: { p256dh: `B${"q".repeat(86)}`, auth: "r".repeat(22) } };
  let permission: NotificationPermission;
  const subscribe = jest.fn();

  beforeEach(() => {
    permission = "granted";
    subscribe.mockReset().mockResolvedValue({ ...subscription, toJSON: () => subscription });
    const registration = { pushManager: { subscribe, getSubscription: async () => null } };
    Object.defineProperty(navigator, "serviceWorker", {
      configurable: true,
      value: { register: async () => registration, ready: Promise.resolve(registration), getRegistration: async () => registration },
    });
    Object.defineProperty(window, "PushManager", { configurable: true, value: function PushManager() {} });
    Object.defineProperty(window, "Notification", { configurable: true, value: { requestPermission: async () => permission } });
  });
  afterEach(() => {
    for (const [target, key] of [
      [navigator, "serviceWorker"],
      [window, "PushManager"],
      [window, "Notification"],
    ] as const) {
      delete (target as unknown as Record<string, unknown>)[key];
    }
  });

  it("subscribes this browser with the server's key after the permission prompt, and turns push on", async () => {
    const user = userEvent.setup();
    const publicKey = "BAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0A";
    const { requests } = renderPanel({
      "GET /users/me/reminders": () => ok(defaults),
      "GET /reminders/vapid-public-key": () => ok({ publicKey }),
      "POST /users/me/push-subscriptions": () => ({ status: 201, body: { id: 1, endpoint: subscription.endpoint } }),
    });
    await user.click(await screen.findByRole("button", { name: "Turn on in this browser" }));
    expect(await screen.findByText(/This browser will get notifications/)).toBeInTheDocument();
    expect(subscribe).toHaveBeenCalledWith({ userVisibleOnly: true, applicationServerKey: expect.any(Uint8Array) });
    const key = subscribe.mock.calls[0][0].applicationServerKey as Uint8Array;
    expect(Buffer.from(key).toString("base64url")).toBe(publicKey);
    expect(requests.find((request) => request.path === "/users/me/push-subscriptions")?.body).toEqual(subscription);
    expect(screen.getByRole("checkbox", { name: /Send notifications to my subscribed browsers/ })).toBeChecked();
    expect(screen.getByRole("button", { name: "Turn off in this browser" })).toBeInTheDocument();
  });

  it("says how to allow notifications when the person blocks them", async () => {
    const user = userEvent.setup();
    permission = "denied";
    const { requests } = renderPanel({
      "GET /users/me/reminders": () => ok(defaults),
      "GET /reminders/vapid-public-key": () => ok({ publicKey: "BA" }),
    });
    await user.click(await screen.findByRole("button", { name: "Turn on in this browser" }));
    expect(await screen.findByText(/Notifications are blocked for Chorus in this browser/)).toBeInTheDocument();
    expect(subscribe).not.toHaveBeenCalled();
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);
  });
});
