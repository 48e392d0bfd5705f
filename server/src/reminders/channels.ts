/**
 * What a reminder says and how each channel carries it: Web Push (encrypted, VAPID
 * signed, through the `web-push` package), a signed JSON webhook, an ntfy topic, email
 * (email.ts), Gotify, Discord- and Slack-compatible incoming webhooks and a Telegram bot.
 * Every HTTP channel goes through postOnce and so through the destination policy.
 */
import { createHmac } from "node:crypto";
import { reminderChannelSchema, type ImpersonationMode, type ReminderChannel } from "@chorus/shared";
import { DateTime } from "luxon";
import webPush from "web-push";
import type { ReminderConfig } from "../config";
import type { ReminderSettings as ReminderSettingsRow } from "../generated/prisma/client";
import type { DestinationPolicy } from "./destinations";
import { sendEmail } from "./email";
import { postOnce, type OutboundResult } from "./outbound";

/**
 * `impersonation_started`: someone started acting as the member (decision 0022);
 * `approval_needed` and `reward_requested`: for admins and managers (decision 0039). All on the same channels.
 */
export type ReminderKind = "due" | "overdue" | "test" | "impersonation_started" | "approval_needed" | "reward_requested";

export interface Reminder {
  kind: ReminderKind;
  /** Null for a test reminder and an impersonation notice. */
  chore: { id: number; name: string; dueDate: Date } | null;
  /** Set for an impersonation notice. */
  impersonation?: {
    sessionId: number;
    actor: { id: number; displayName: string };
    mode: ImpersonationMode;
    reason: string | null;
    startedAt: Date;
  };
  /** Set for an approval or reward notice: what the admin or manager reads. */
  notice?: { subjectId: number; text: string };
  user: { id: number; username: string; timezone: string };
  sentAt: Date;
}

export interface PushTarget {
  id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Where one member's reminders go; a channel that is off is null (push: no subscriptions). */
export interface ReminderTargets {
  push: PushTarget[] | null;
  webhook: { url: string; secret: string } | null;
  ntfy: { serverUrl: string; topic: string } | null;
  email: { address: string } | null;
  gotify: { serverUrl: string; token: string } | null;
  discord: { url: string } | null;
  slack: { url: string } | null;
  telegram: { botToken: string; chatId: string } | null;
}

export type ChannelResult = OutboundResult & {
  /** Push subscriptions the push service says are gone (404/410): to be removed. */
  deadSubscriptionIds?: number[];
};

export function reminderTitle(reminder: Reminder): string {
  return {
    due: "Chore due",
    overdue: "Chore overdue",
    test: "Chorus test reminder",
    impersonation_started: "Someone is using Chorus as you",
    approval_needed: "Approval needed",
    reward_requested: "Reward requested",
  }[reminder.kind];
}

/** What the member reads: "Sam started viewing your tasks — reason: homework check." */
export function impersonationNoticeText(notice: NonNullable<Reminder["impersonation"]>): string {
  const what = notice.mode === "view" ? "viewing your tasks" : "acting for you";
  return `${notice.actor.displayName} started ${what} — ${notice.reason ? `reason: ${notice.reason}` : "no reason given"}.`;
}

export function reminderText(reminder: Reminder): string {
  if (reminder.impersonation) return impersonationNoticeText(reminder.impersonation);
  if (reminder.notice) return reminder.notice.text;
  if (!reminder.chore) return "Reminders from Chorus reach you here.";
  const when = DateTime.fromJSDate(reminder.chore.dueDate).setZone(reminder.user.timezone).toFormat("ccc d LLL, HH:mm");
  return reminder.kind === "due"
    ? `“${reminder.chore.name}” is due (${when}).`
    : `“${reminder.chore.name}” is overdue: it was due ${when}.`;
}

function webhookEvent(kind: ReminderKind): string {
  return {
    test: "test",
    impersonation_started: "impersonation.started",
    approval_needed: "approval.needed",
    reward_requested: "reward.requested",
    due: "chore.due",
    overdue: "chore.overdue",
  }[kind];
}

/** Overdue chores and impersonation notices ask for attention; the rest are ordinary. */
function isUrgent(kind: ReminderKind): boolean {
  return kind === "overdue" || kind === "impersonation_started";
}

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`, as receivers verify it. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function sendWebhook(
  target: { url: string; secret: string },
  reminder: Reminder,
  destinations: DestinationPolicy,
): Promise<OutboundResult> {
  const { impersonation } = reminder;
  const body = JSON.stringify({
    event: webhookEvent(reminder.kind),
    title: reminderTitle(reminder),
    message: reminderText(reminder),
    chore: reminder.chore && { id: reminder.chore.id, name: reminder.chore.name, dueDate: reminder.chore.dueDate.toISOString() },
    ...(reminder.notice && { subjectId: reminder.notice.subjectId }),
    ...(impersonation && {
      impersonation: {
        sessionId: impersonation.sessionId,
        actor: impersonation.actor,
        mode: impersonation.mode,
        reason: impersonation.reason,
        startedAt: impersonation.startedAt.toISOString(),
      },
    }),
    user: { id: reminder.user.id, username: reminder.user.username },
    sentAt: reminder.sentAt.toISOString(),
  });
  const timestamp = String(Math.floor(reminder.sentAt.getTime() / 1000));
  return postOnce(
    target.url,
    {
      headers: {
        "Content-Type": "application/json",
        "X-Chorus-Timestamp": timestamp,
        "X-Chorus-Signature": webhookSignature(target.secret, timestamp, body),
      },
      body,
    },
    destinations,
  );
}

/** ntfy's publish API: plain text to `<server>/<topic>`; headers stay ASCII (the chore name is in the body). */
export function sendNtfy(
  target: { serverUrl: string; topic: string },
  reminder: Reminder,
  destinations: DestinationPolicy,
): Promise<OutboundResult> {
  return postOnce(
    `${target.serverUrl.replace(/\/+$/, "")}/${target.topic}`,
    {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        Title: reminderTitle(reminder),
        Priority: isUrgent(reminder.kind) ? "4" : "3",
        Tags: {
          overdue: "warning",
          impersonation_started: "eyes",
          due: "broom",
          test: "broom",
          approval_needed: "white_check_mark",
          reward_requested: "gift",
        }[reminder.kind],
      },
      body: reminderText(reminder),
    },
    destinations,
  );
}

const JSON_HEADERS = { "Content-Type": "application/json" };

/** Gotify's message API; the token goes in a header so it stays out of URLs. */
export function sendGotify(
  target: { serverUrl: string; token: string },
  reminder: Reminder,
  destinations: DestinationPolicy,
): Promise<OutboundResult> {
  const body = JSON.stringify({
    title: reminderTitle(reminder),
    message: reminderText(reminder),
    priority: isUrgent(reminder.kind) ? 8 : 5,
  });
  return postOnce(
    `${target.serverUrl.replace(/\/+$/, "")}/message`,
    { headers: { ...JSON_HEADERS, "X-Gotify-Key": target.token }, body },
    destinations,
  );
}

/** A Discord-compatible incoming webhook; mentions are never parsed, so a chore named "@everyone" pings no one. */
export function sendDiscord(target: { url: string }, reminder: Reminder, destinations: DestinationPolicy): Promise<OutboundResult> {
  const body = JSON.stringify({ content: `**${reminderTitle(reminder)}**\n${reminderText(reminder)}`, allowed_mentions: { parse: [] } });
  return postOnce(target.url, { headers: JSON_HEADERS, body }, destinations);
}

/** Slack's mrkdwn treats `&`, `<` and `>` as markup (links, mentions), so they are escaped. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat). */
export function sendSlack(target: { url: string }, reminder: Reminder, destinations: DestinationPolicy): Promise<OutboundResult> {
  const body = JSON.stringify({ text: `*${slackEscape(reminderTitle(reminder))}*\n${slackEscape(reminderText(reminder))}` });
  return postOnce(target.url, { headers: JSON_HEADERS, body }, destinations);
}

/** The Bot API's sendMessage, as plain text (no parse_mode: chore names need no escaping). */
export function sendTelegram(
  target: { botToken: string; chatId: string },
  reminder: Reminder,
  config: Pick<ReminderConfig, "telegramApiBase" | "destinations">,
): Promise<OutboundResult> {
  const body = JSON.stringify({ chat_id: target.chatId, text: `${reminderTitle(reminder)}\n${reminderText(reminder)}` });
  return postOnce(`${config.telegramApiBase}/bot${target.botToken}/sendMessage`, { headers: JSON_HEADERS, body }, config.destinations);
}

function pushTag(reminder: Reminder): string {
  if (reminder.impersonation) return `impersonation-${reminder.impersonation.sessionId}`;
  if (reminder.notice) return `${reminder.kind}-${reminder.notice.subjectId}`;
  return reminder.chore ? `chore-${reminder.chore.id}` : "chorus-test";
}

function pushUrl(reminder: Reminder): string {
  if (reminder.impersonation) return "/done-for-you";
  if (reminder.kind === "approval_needed") return "/approvals";
  if (reminder.kind === "reward_requested") return "/rewards";
  return reminder.chore ? `/chores/${reminder.chore.id}` : "/account/reminders";
}

/** The JSON the service worker turns into a notification. */
export function pushPayload(reminder: Reminder): string {
  return JSON.stringify({
    title: reminderTitle(reminder),
    body: reminderText(reminder),
    tag: pushTag(reminder),
    url: pushUrl(reminder),
  });
}

/** One encrypted, VAPID-signed push; `dead` when the subscription can never work again. */
async function pushToBrowser(subscription: PushTarget, payload: string, urgency: "normal" | "high", config: ReminderConfig) {
  let details;
  try {
    details = webPush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      payload,
      { vapidDetails: config.vapid, TTL: 24 * 3600, urgency, contentEncoding: "aes128gcm" },
    );
  } catch {
    // Keys no browser would make (stored before they were checked on the way in).
    const result: OutboundResult = { ok: false, status: null, error: "the subscription's keys are invalid", permanent: true };
    return { result, dead: true };
  }
  const { "Content-Length": _length, ...headers } = details.headers as Record<string, string>;
  const result = await postOnce(details.endpoint, { headers, body: details.body }, config.destinations);
  // 404 and 410 are how push services say the browser unsubscribed or the subscription expired.
  return { result, dead: !result.ok && (result.status === 404 || result.status === 410) };
}

/** Sends to every subscription; succeeds when at least one browser got it, retryable unless every failure is permanent. */
export async function sendPush(subscriptions: PushTarget[], reminder: Reminder, config: ReminderConfig): Promise<ChannelResult> {
  if (subscriptions.length === 0) return { ok: false, status: null, error: "no browser is subscribed", permanent: true };
  const payload = pushPayload(reminder);
  const urgency = isUrgent(reminder.kind) ? "high" : "normal";
  const sent = await Promise.all(
    subscriptions.map(async (subscription) => ({ subscription, ...(await pushToBrowser(subscription, payload, urgency, config)) })),
  );
  const deadSubscriptionIds = sent.filter(({ dead }) => dead).map(({ subscription }) => subscription.id);
  const delivered = sent.find(({ result }) => result.ok);
  if (delivered) return { ...delivered.result, deadSubscriptionIds };
  const failure = sent[0]!.result as Extract<OutboundResult, { ok: false }>;
  return { ...failure, permanent: sent.every(({ result }) => !result.ok && result.permanent), deadSubscriptionIds };
}

const CHANNEL_NAMES: Record<ReminderChannel, string> = {
  push: "browser notifications",
  webhook: "webhook",
  ntfy: "ntfy",
  email: "email",
  gotify: "Gotify",
  discord: "Discord",
  slack: "Slack",
  telegram: "Telegram",
};

export function sendOnChannel(
  channel: ReminderChannel,
  targets: ReminderTargets,
  reminder: Reminder,
  config: ReminderConfig,
): Promise<ChannelResult> {
  const off = (): Promise<ChannelResult> =>
    Promise.resolve({ ok: false, status: null, error: `${CHANNEL_NAMES[channel]} is turned off`, permanent: true });
  const { destinations } = config;
  switch (channel) {
    case "push":
      return targets.push ? sendPush(targets.push, reminder, config) : off();
    case "webhook":
      return targets.webhook ? sendWebhook(targets.webhook, reminder, destinations) : off();
    case "ntfy":
      return targets.ntfy ? sendNtfy(targets.ntfy, reminder, destinations) : off();
    case "email":
      return targets.email ? sendEmail(targets.email, reminder, config.smtp) : off();
    case "gotify":
      return targets.gotify ? sendGotify(targets.gotify, reminder, destinations) : off();
    case "discord":
      return targets.discord ? sendDiscord(targets.discord, reminder, destinations) : off();
    case "slack":
      return targets.slack ? sendSlack(targets.slack, reminder, destinations) : off();
    case "telegram":
      return targets.telegram ? sendTelegram(targets.telegram, reminder, config) : off();
  }
}

/** The channels a member has switched on, in a fixed order (push even with no browser subscribed yet). */
export function enabledChannels(targets: ReminderTargets): ReminderChannel[] {
  return reminderChannelSchema.options.filter((channel) => targets[channel] !== null);
}

/** The channels a send can reach now: as enabledChannels, but push only with a browser subscribed. */
export function reachableChannels(settings: SettingsRow, pushSubscriptions: number, email: string | null): ReminderChannel[] {
  return enabledChannels(reminderTargets(settings, [], email)).filter((channel) => channel !== "push" || pushSubscriptions > 0);
}

type SettingsRow = Pick<
  ReminderSettingsRow,
  | "pushEnabled"
  | "webhookUrl"
  | "webhookSecret"
  | "ntfyServerUrl"
  | "ntfyTopic"
  | "emailEnabled"
  | "gotifyServerUrl"
  | "gotifyToken"
  | "discordWebhookUrl"
  | "slackWebhookUrl"
  | "telegramBotToken"
  | "telegramChatId"
>;

/** Builds a member's targets from their stored settings, browser subscriptions and account email (none for children). */
export function reminderTargets(settings: SettingsRow, subscriptions: PushTarget[], email: string | null): ReminderTargets {
  const both = <A, B>(a: A | null, b: B | null) => (a !== null && b !== null ? ([a, b] as const) : null);
  const gotify = both(settings.gotifyServerUrl, settings.gotifyToken);
  const telegram = both(settings.telegramBotToken, settings.telegramChatId);
  return {
    push: settings.pushEnabled ? subscriptions : null,
    webhook: settings.webhookUrl && settings.webhookSecret ? { url: settings.webhookUrl, secret: settings.webhookSecret } : null,
    ntfy: settings.ntfyServerUrl && settings.ntfyTopic ? { serverUrl: settings.ntfyServerUrl, topic: settings.ntfyTopic } : null,
    email: settings.emailEnabled && email ? { address: email } : null,
    gotify: gotify && { serverUrl: gotify[0], token: gotify[1] },
    discord: settings.discordWebhookUrl ? { url: settings.discordWebhookUrl } : null,
    slack: settings.slackWebhookUrl ? { url: settings.slackWebhookUrl } : null,
    telegram: telegram && { botToken: telegram[0], chatId: telegram[1] },
  };
}
