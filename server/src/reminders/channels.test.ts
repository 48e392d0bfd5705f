/**
 * Email, Gotify, Discord, Slack and Telegram (decision 0039), over HTTP against real local
 * receivers: a loopback HTTP server that records each request exactly, and an SMTP server
 * (`smtp-server`) that holds a real SMTP conversation.
 */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import type { UpdateReminderSettingsRequest } from "@chorus/shared";
import pino from "pino";
import { expectInvalidField, makeChore } from "../test/choreFactories";
import { createHousehold, signUp } from "../test/factories";
import { startTestServer, testConfig, type TestServer } from "../test/harness";
import { startReceiver, type ReceivedRequest, type Receiver } from "../test/receiver";
import { startSmtpReceiver, type SmtpReceiver } from "../test/smtpReceiver";
import { createReminderScheduler } from "./scheduler";

let server: TestServer;
let receiver: Receiver;
let smtp: SmtpReceiver;
beforeAll(async () => {
  [receiver, smtp] = await Promise.all([startReceiver(), startSmtpReceiver()]);
  const { reminders } = testConfig();
  server = await startTestServer({ reminders: { ...reminders, smtp: smtp.config, telegramApiBase: `${receiver.url}/telegram` } });
});
afterAll(() => Promise.all([server.close(), receiver.close(), smtp.close()]));
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.respond = () => 200;
  smtp.mails.length = 0;
});

const off: UpdateReminderSettingsRequest = {
  push: { enabled: false },
  webhook: null,
  ntfy: null,
  when: { due: true, overdue: true },
  quietHours: null,
};

const BOT_TOKEN = "123456789:AAE_chorus-test-token-0123456789";

/** Each HTTP channel to its own path on the receiver, tagged by member. */
function everyChannel(tag: string): UpdateReminderSettingsRequest {
  return {
    ...off,
    email: { enabled: true },
    gotify: { serverUrl: `${receiver.url}/gotify-${tag}/`, token: `Agotify.${tag}` },
    discord: { url: `${receiver.url}/discord-${tag}/api/webhooks/1/secret` },
    slack: { url: `${receiver.url}/slack-${tag}/services/T0/B0/secret` },
    telegram: { chatId: "-100200300", botToken: BOT_TOKEN },
  };
}

const json = (request: ReceivedRequest) => JSON.parse(request.body.toString("utf8")) as unknown;
const byPath = (prefix: string) => receiver.requests.filter(({ path }) => path.startsWith(prefix));

describe("the new channels' settings", () => {
  it("are saved and read back without their secrets, which later saves keep", async () => {
    const user = await signUp(server);
    const tag = user.user.username;
    const saved = await user.client.reminders.updateSettings({
      ...everyChannel(tag),
      events: { approvalNeeded: false, rewardRequested: true },
    });
    const expected = {
      email: { enabled: true, address: user.user.email, available: true },
      gotify: { serverUrl: `${receiver.url}/gotify-${tag}/` },
      discord: { host: new URL(receiver.url).host },
      slack: { host: new URL(receiver.url).host },
      telegram: { chatId: "-100200300" },
      events: { approvalNeeded: false, rewardRequested: true },
    };
    expect(saved).toMatchObject(expected);
    const read = await user.client.reminders.settings();
    expect(read).toMatchObject(expected);
    for (const secret of [`Agotify.${tag}`, "/api/webhooks/1/secret", "/services/T0/B0/secret", BOT_TOKEN]) {
      expect(JSON.stringify([saved, read])).not.toContain(secret);
    }

    // Saved again without the secrets: kept, so every channel still reaches its receiver.
    await user.client.reminders.updateSettings({
      ...off,
      email: { enabled: true },
      gotify: { serverUrl: `${receiver.url}/gotify-${tag}/` },
      discord: {},
      slack: {},
      telegram: { chatId: "-100200300" },
    });
    const { results } = await user.client.reminders.test();
    expect(results).toEqual(["email", "gotify", "discord", "slack", "telegram"].map((channel) => ({ channel, ok: true, error: null })));
    expect(byPath(`/gotify-${tag}`)[0]!.headers["x-gotify-key"]).toBe(`Agotify.${tag}`);
    // A kept token goes only to the server it was given for.
    await expectInvalidField(
      user.client.reminders.updateSettings({ ...off, gotify: { serverUrl: `${receiver.url}/elsewhere/` } }),
      "gotify.token",
    );

    // The audit log says which channels are on, never their secrets.
    const { events } = await user.client.circles.audit({ action: "reminders.settings_updated" });
    expect(events[0]!.payload).toMatchObject({ email: true, gotify: true, discord: true, slack: true, telegram: true });
    expect(JSON.stringify(events)).not.toMatch(/gotify\.|secret|AAE_/);
  });

  it.each([
    [{ ...off, gotify: { serverUrl: "https://gotify.example.org" } }, "gotify.token"],
    [{ ...off, discord: {} }, "discord.url"],
    [{ ...off, telegram: { chatId: "42" } }, "telegram.botToken"],
    [{ ...off, telegram: { chatId: "my chat", botToken: BOT_TOKEN } }, "telegram.chatId"],
    [{ ...off, telegram: { chatId: "42", botToken: "not-a-token" } }, "telegram.botToken"],
    [{ ...off, gotify: { serverUrl: "https://gotify.example.org", token: "has space" } }, "gotify.token"],
    [{ ...off, slack: { url: "ftp://hooks.example.org/x" } }, "slack.url"],
    [{ ...off, discord: { url: "http://10.0.0.7/api/webhooks/1/x" } }, "discord.url"],
    [{ ...off, gotify: { serverUrl: "http://192.168.1.9", token: "abc" } }, "gotify.serverUrl"],
  ])("refuse %j naming %s", async (body, field) => {
    const user = await signUp(server);
    await expectInvalidField(user.client.reminders.updateSettings(body), field);
  });

  it("refuse email for an account without one, and on a server without SMTP settings", async () => {
    const { admin } = await createHousehold(server);
    await admin.client.circles.addChild({ username: `kid${admin.user.id}`, displayName: "Alex", pin: "4821" });
    const { token } = await server.client().auth.pinLogin({ username: `kid${admin.user.id}`, pin: "4821" });
    const childClient = server.client(token);
    expect((await childClient.reminders.settings()).email).toEqual({ enabled: false, address: null, available: false });
    await expectInvalidField(childClient.reminders.updateSettings({ ...off, email: { enabled: true } }), "email.enabled");

    const { smtp: working } = server.config.reminders;
    server.config.reminders.smtp = null;
    try {
      const user = await signUp(server);
      expect((await user.client.reminders.settings()).email).toEqual({ enabled: false, address: user.user.email, available: false });
      await expectInvalidField(user.client.reminders.updateSettings({ ...off, email: { enabled: true } }), "email.enabled");
    } finally {
      server.config.reminders.smtp = working;
    }
  });
});

describe("Send test on the new channels", () => {
  it("sends each the exact request its service expects", async () => {
    const user = await signUp(server);
    const tag = user.user.username;
    await user.client.reminders.updateSettings(everyChannel(tag));
    await user.client.reminders.test();
    const text = "Reminders from Chorus reach you here.";

    const [gotify] = byPath(`/gotify-${tag}`);
    expect(gotify).toMatchObject({ method: "POST", path: `/gotify-${tag}/message` });
    expect(gotify!.headers).toMatchObject({ "content-type": "application/json", "x-gotify-key": `Agotify.${tag}` });
    expect(json(gotify!)).toEqual({ title: "Chorus test reminder", message: text, priority: 5 });

    const [discord] = byPath(`/discord-${tag}`);
    expect(discord).toMatchObject({ method: "POST", path: `/discord-${tag}/api/webhooks/1/secret` });
    expect(discord!.headers["content-type"]).toBe("application/json");
    expect(json(discord!)).toEqual({ content: `**Chorus test reminder**\n${text}`, allowed_mentions: { parse: [] } });

    const [slack] = byPath(`/slack-${tag}`);
    expect(slack).toMatchObject({ method: "POST", path: `/slack-${tag}/services/T0/B0/secret` });
    expect(slack!.headers["content-type"]).toBe("application/json");
    expect(json(slack!)).toEqual({ text: `*Chorus test reminder*\n${text}` });

    const [telegram] = byPath("/telegram");
    expect(telegram).toMatchObject({ method: "POST", path: `/telegram/bot${BOT_TOKEN}/sendMessage` });
    expect(telegram!.headers["content-type"]).toBe("application/json");
    expect(json(telegram!)).toEqual({ chat_id: "-100200300", text: `Chorus test reminder\n${text}` });

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail).toMatchObject({ from: "chorus@home.test", to: [user.user.email] });
    expect(mail!.headers).toMatchObject({
      from: "Chorus <chorus@home.test>",
      to: user.user.email,
      subject: "Chorus test reminder",
      "auto-submitted": "auto-generated",
      "x-chorus-event": "test",
    });
    expect(mail!.text).toContain(text);
    expect(mail!.text).toContain("— Chorus.");
  });

  it("reports each channel's failure without stopping the others", async () => {
    const user = await signUp(server);
    const tag = user.user.username;
    await user.client.reminders.updateSettings({ ...everyChannel(tag), email: { enabled: false } });
    receiver.respond = ({ path }) => (path.startsWith(`/slack-${tag}`) ? 404 : path.startsWith("/telegram") ? 401 : 200);
    expect((await user.client.reminders.test()).results).toEqual([
      { channel: "gotify", ok: true, error: null },
      { channel: "discord", ok: true, error: null },
      { channel: "slack", ok: false, error: "answered 404" },
      { channel: "telegram", ok: false, error: "answered 401" },
    ]);
  });

  it("escapes Slack markup and keeps Discord from pinging anyone", async () => {
    const user = await signUp(server, { timezone: "UTC" });
    const tag = user.user.username;
    await user.client.reminders.updateSettings({ ...off, discord: everyChannel(tag).discord, slack: everyChannel(tag).slack });
    await makeChore(user.client, { name: "<!channel> & @everyone", nextDueDate: "2026-12-01T18:00:00.000Z" });
    await createReminderScheduler({ db: server.db, config: server.config, logger: pino({ level: "silent" }) }).runOnce(
      new Date("2026-12-01T18:01:00Z"),
    );
    expect(json(byPath(`/slack-${tag}`)[0]!)).toEqual({
      text: "*Chore due*\n“&lt;!channel&gt; &amp; @everyone” is due (Tue 1 Dec, 18:00).",
    });
    expect(json(byPath(`/discord-${tag}`)[0]!)).toEqual({
      content: "**Chore due**\n“<!channel> & @everyone” is due (Tue 1 Dec, 18:00).",
      allowed_mentions: { parse: [] },
    });
  });
});

describe("email reminders", () => {
  /** A port nothing listens on. */
  async function closedPort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  it("go out once per occurrence; a refused mail server is retried like other channels, then delivered", async () => {
    const user = await signUp(server, { timezone: "UTC" });
    await user.client.reminders.updateSettings({ ...off, email: { enabled: true } });
    const chore = await makeChore(user.client, { name: "Bins out", nextDueDate: "2026-12-02T07:00:00.000Z" });
    const scheduler = createReminderScheduler({ db: server.db, config: server.config, logger: pino({ level: "silent" }) });
    const { smtp: working } = server.config.reminders;
    server.config.reminders.smtp = { ...working!, transport: { host: "127.0.0.1", port: await closedPort(), secure: false } };
    try {
      expect(await scheduler.runOnce(new Date("2026-12-02T07:01:00Z"))).toMatchObject({ ran: true, retrying: 1 });
    } finally {
      server.config.reminders.smtp = working;
    }
    const delivery = await server.db.prisma.reminderDelivery.findFirstOrThrow({ where: { choreId: chore.id, channel: "email" } });
    expect(delivery).toMatchObject({ status: "retrying", attempts: 1, lastError: "could not reach the mail server (ECONNREFUSED)" });
    expect(smtp.mails).toHaveLength(0);

    // The retry, a minute later, reaches the working server; later ticks send nothing more.
    await scheduler.runOnce(new Date("2026-12-02T07:02:30Z"));
    await scheduler.runOnce(new Date("2026-12-02T07:05:00Z"));
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.headers).toMatchObject({ to: user.user.email, subject: "Chore due", "x-chorus-event": "due" });
    expect(smtp.mails[0]!.text).toContain("“Bins out” is due (Wed 2 Dec, 07:00).");
    expect(await server.db.prisma.reminderDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "sent",
      attempts: 2,
    });
  });
});

describe("email refused by the mail server", () => {
  it("is failed for good, not retried, when the server refuses the recipient (5xx)", async () => {
    const user = await signUp(server, { timezone: "UTC" });
    await user.client.reminders.updateSettings({ ...off, email: { enabled: true } });
    smtp.refused.add(user.user.email);
    expect((await user.client.reminders.test()).results).toEqual([{ channel: "email", ok: false, error: "the mail server answered 550" }]);
    const chore = await makeChore(user.client, { name: "Mop", nextDueDate: "2026-12-03T07:00:00.000Z" });
    const scheduler = createReminderScheduler({ db: server.db, config: server.config, logger: pino({ level: "silent" }) });
    await scheduler.runOnce(new Date("2026-12-03T07:01:00Z"));
    await scheduler.runOnce(new Date("2026-12-03T07:30:00Z"));
    expect(await server.db.prisma.reminderDelivery.findFirstOrThrow({ where: { choreId: chore.id, channel: "email" } })).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "the mail server answered 550",
    });
    expect(smtp.mails.filter(({ to }) => to.includes(user.user.email))).toEqual([]);
  });
});

describe("the impersonation notice", () => {
  it("reaches the new channels too, once each", async () => {
    const h = await createHousehold(server);
    const tag = h.member.user.username;
    await h.member.client.reminders.updateSettings({ ...everyChannel(tag), when: { due: false, overdue: false } });
    await h.admin.client.impersonation.start({ userId: h.member.user.id, reason: "homework check" });
    await server.deps.notices.runOnce();
    for (let i = 0; i < 200; i += 1) {
      const open = await server.db.prisma.impersonationNotice.count({
        where: { userId: h.member.user.id, status: { in: ["pending", "sending"] } },
      });
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const rows = await server.db.prisma.impersonationNotice.findMany({ where: { userId: h.member.user.id }, orderBy: { channel: "asc" } });
    expect(rows.map(({ channel, status }) => [channel, status])).toEqual(
      ["email", "gotify", "discord", "slack", "telegram"].map((channel) => [channel, "sent"]),
    );
    const text = `${h.admin.user.displayName} started viewing your tasks — reason: homework check.`;
    expect(json(byPath(`/discord-${tag}`)[0]!)).toEqual({
      content: `**Someone is using Chorus as you**\n${text}`,
      allowed_mentions: { parse: [] },
    });
    expect(json(byPath(`/gotify-${tag}`)[0]!)).toEqual({ title: "Someone is using Chorus as you", message: text, priority: 8 });
    expect(smtp.mails.filter(({ to }) => to.includes(h.member.user.email))).toHaveLength(1);
  });
});
