/**
 * What a reminder says and how each channel carries it: Web Push (encrypted, VAPID
 * signed, through the `web-push` package), a signed JSON webhook, and an ntfy topic.
 */
import { createHmac } from "node:crypto";
import type { ImpersonationMode, ReminderChannel } from "@chorus/shared";
import { DateTime } from "luxon";
import webPush from "web-push";
import type { ReminderConfig } from "../config";
import type { DestinationPolicy } from "./destinations";
import { postOnce, type OutboundResult } from "./outbound";

/** `impersonation_started`: someone started acting as the member (decision 0022), sent on the same channels. */
export type ReminderKind = "due" | "overdue" | "test" | "impersonation_started";

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
  }[reminder.kind];
}

/** What the member reads: "Sam started viewing your tasks — reason: homework check." */
export function impersonationNoticeText(notice: NonNullable<Reminder["impersonation"]>): string {
  const what = notice.mode === "view" ? "viewing your tasks" : "acting for you";
  return `${notice.actor.displayName} started ${what} — ${notice.reason ? `reason: ${notice.reason}` : "no reason given"}.`;
}

export function reminderText(reminder: Reminder): string {
  if (reminder.impersonation) return impersonationNoticeText(reminder.impersonation);
  if (!reminder.chore) return "Reminders from Chorus reach you here.";
  const when = DateTime.fromJSDate(reminder.chore.dueDate).setZone(reminder.user.timezone).toFormat("ccc d LLL, HH:mm");
  return reminder.kind === "due"
    ? `“${reminder.chore.name}” is due (${when}).`
    : `“${reminder.chore.name}” is overdue: it was due ${when}.`;
}

function webhookEvent(kind: ReminderKind): string {
  if (kind === "test") return "test";
  return kind === "impersonation_started" ? "impersonation.started" : `chore.${kind}`;
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
        Priority: reminder.kind === "overdue" || reminder.kind === "impersonation_started" ? "4" : "3",
        Tags: { overdue: "warning", impersonation_started: "eyes", due: "broom", test: "broom" }[reminder.kind],
      },
      body: reminderText(reminder),
    },
    destinations,
  );
}

function pushTag(reminder: Reminder): string {
  if (reminder.impersonation) return `impersonation-${reminder.impersonation.sessionId}`;
  return reminder.chore ? `chore-${reminder.chore.id}` : "chorus-test";
}

/** The JSON the service worker turns into a notification. */
export function pushPayload(reminder: Reminder): string {
  return JSON.stringify({
    title: reminderTitle(reminder),
    body: reminderText(reminder),
    tag: pushTag(reminder),
    url: reminder.impersonation ? "/done-for-you" : reminder.chore ? `/chores/${reminder.chore.id}` : "/account/reminders",
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
  const urgency = reminder.kind === "overdue" || reminder.kind === "impersonation_started" ? "high" : "normal";
  const sent = await Promise.all(
    subscriptions.map(async (subscription) => ({ subscription, ...(await pushToBrowser(subscription, payload, urgency, config)) })),
  );
  const deadSubscriptionIds = sent.filter(({ dead }) => dead).map(({ subscription }) => subscription.id);
  const delivered = sent.find(({ result }) => result.ok);
  if (delivered) return { ...delivered.result, deadSubscriptionIds };
  const failure = sent[0]!.result as Extract<OutboundResult, { ok: false }>;
  return { ...failure, permanent: sent.every(({ result }) => !result.ok && result.permanent), deadSubscriptionIds };
}

export function sendOnChannel(
  channel: ReminderChannel,
  targets: ReminderTargets,
  reminder: Reminder,
  config: ReminderConfig,
): Promise<ChannelResult> {
  switch (channel) {
    case "push":
      return targets.push
        ? sendPush(targets.push, reminder, config)
        : Promise.resolve({ ok: false, status: null, error: "browser notifications are turned off", permanent: true });
    case "webhook":
      return targets.webhook
        ? sendWebhook(targets.webhook, reminder, config.destinations)
        : Promise.resolve({ ok: false, status: null, error: "webhook is turned off", permanent: true });
    case "ntfy":
      return targets.ntfy
        ? sendNtfy(targets.ntfy, reminder, config.destinations)
        : Promise.resolve({ ok: false, status: null, error: "ntfy is turned off", permanent: true });
  }
}

/** The channels a member has switched on, in a fixed order (push even with no browser subscribed yet). */
export function enabledChannels(targets: ReminderTargets): ReminderChannel[] {
  return (["push", "webhook", "ntfy"] as const).filter((channel) => targets[channel] !== null);
}

/** Builds a member's targets from their stored settings and browser subscriptions. */
export function reminderTargets(
  settings: {
    pushEnabled: boolean;
    webhookUrl: string | null;
    webhookSecret: string | null;
    ntfyServerUrl: string | null;
    ntfyTopic: string | null;
  },
  subscriptions: PushTarget[],
): ReminderTargets {
  return {
    push: settings.pushEnabled ? subscriptions : null,
    webhook: settings.webhookUrl && settings.webhookSecret ? { url: settings.webhookUrl, secret: settings.webhookSecret } : null,
    ntfy: settings.ntfyServerUrl && settings.ntfyTopic ? { serverUrl: settings.ntfyServerUrl, topic: settings.ntfyTopic } : null,
  };
}
