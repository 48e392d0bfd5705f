/**
 * A member's own reminder settings, browser push subscriptions, and the "Send test"
 * action. The scheduler that sends real reminders lives in reminders/scheduler.ts.
 */
import { ECDH, randomBytes } from "node:crypto";
import type { PushSubscriptionRequest, ReminderTestResult, UpdateReminderSettingsRequest } from "@chorus/shared";
import type { ReminderConfig, SmtpConfig } from "../config";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { ApiError, notFound } from "../errors";
import { invalidField } from "./chores/records";
import { enabledChannels, reminderTargets, sendOnChannel } from "../reminders/channels";
import type { DestinationPolicy } from "../reminders/destinations";
import type { ReminderSettings as ReminderSettingsRow } from "../generated/prisma/client";
import { recordAudit } from "./audit";

export async function getReminderSettings(db: Database, userId: number) {
  const [settings, subscriptions, user] = await Promise.all([
    db.prisma.reminderSettings.findUnique({ where: { userId } }),
    db.prisma.pushSubscription.count({ where: { userId } }),
    db.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } }),
  ]);
  return { settings, subscriptions, email: user.email };
}

type SecretChannels = Pick<UpdateReminderSettingsRequest, "gotify" | "discord" | "slack" | "telegram">;

/** A secret left out of the request keeps the saved one; with none saved the field is required. */
function keptSecret(field: string, sent: string | undefined, saved: string | null | undefined): string {
  const secret = sent ?? saved;
  if (!secret) throw invalidField(field, "Required: there is no saved one to keep");
  return secret;
}

/** The secret-bearing columns a request leaves: each channel off (null), or its new or kept secret. */
function secretColumns(input: SecretChannels, current: ReminderSettingsRow | null) {
  const { gotify, discord, slack, telegram } = input;
  return {
    gotifyServerUrl: gotify?.serverUrl ?? null,
    // A token is kept only for the server it was given for: a new server must be given it again.
    gotifyToken: gotify
      ? keptSecret("gotify.token", gotify.token, gotify.serverUrl === current?.gotifyServerUrl ? current.gotifyToken : null)
      : null,
    discordWebhookUrl: discord ? keptSecret("discord.url", discord.url, current?.discordWebhookUrl) : null,
    slackWebhookUrl: slack ? keptSecret("slack.url", slack.url, current?.slackWebhookUrl) : null,
    telegramBotToken: telegram ? keptSecret("telegram.botToken", telegram.botToken, current?.telegramBotToken) : null,
    telegramChatId: telegram?.chatId ?? null,
  };
}

/**
 * Replaces the member's settings. A webhook gets a signing secret the first time it is
 * set (or when asked to rotate); the secret is returned by this call only.
 */
export async function updateReminderSettings(
  db: Database,
  config: Pick<ReminderConfig, "destinations" | "smtp">,
  ctx: ActingContext,
  userId: number,
  input: UpdateReminderSettingsRequest,
) {
  await requireAllowedDestinations(config.destinations, {
    "webhook.url": input.webhook?.url,
    "ntfy.serverUrl": input.ntfy?.serverUrl,
    "gotify.serverUrl": input.gotify?.serverUrl,
    "discord.url": input.discord?.url,
    "slack.url": input.slack?.url,
  });
  const emailEnabled = input.email?.enabled ?? false;
  if (emailEnabled) requireEmailAvailable(config.smtp, ctx.actor.email);
  return db.prisma.$transaction(async (tx) => {
    const current = await tx.reminderSettings.findUnique({ where: { userId } });
    const secrets = secretColumns(input, current);
    const newSecret =
      input.webhook && (!current?.webhookSecret || input.webhook.rotateSecret) ? randomBytes(32).toString("hex") : undefined;
    const data = {
      pushEnabled: input.push.enabled,
      webhookUrl: input.webhook?.url ?? null,
      webhookSecret: input.webhook ? (newSecret ?? current!.webhookSecret) : null,
      ntfyServerUrl: input.ntfy?.serverUrl ?? null,
      ntfyTopic: input.ntfy?.topic ?? null,
      emailEnabled,
      ...secrets,
      notifyApprovalNeeded: input.events?.approvalNeeded ?? true,
      notifyRewardRequested: input.events?.rewardRequested ?? true,
      notifyDue: input.when.due,
      notifyOverdue: input.when.overdue,
      quietStart: input.quietHours?.start ?? null,
      quietEnd: input.quietHours?.end ?? null,
    };
    const settings = await tx.reminderSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
    const subscriptions = await tx.pushSubscription.count({ where: { userId } });
    // Which channels are on, never where they point: URLs and topics can be secrets of their own.
    await recordAudit(tx, ctx, {
      action: "reminders.settings_updated",
      entityType: "user",
      entityId: userId,
      payload: {
        push: data.pushEnabled,
        webhook: input.webhook !== null,
        ntfy: input.ntfy !== null,
        email: emailEnabled,
        gotify: secrets.gotifyToken !== null,
        discord: secrets.discordWebhookUrl !== null,
        slack: secrets.slackWebhookUrl !== null,
        telegram: secrets.telegramBotToken !== null,
        approvalNeeded: data.notifyApprovalNeeded,
        rewardRequested: data.notifyRewardRequested,
        due: data.notifyDue,
        overdue: data.notifyOverdue,
        quietHours: input.quietHours !== null,
        ...(newSecret ? { webhookSecretGenerated: true } : {}),
      },
    });
    return { settings, subscriptions, email: ctx.actor.email, webhookSecret: newSecret };
  });
}

/** Stores a browser's subscription for the member; a browser re-subscribing under a new sign-in moves to that member. */
export async function addPushSubscription(
  db: Database,
  destinations: DestinationPolicy,
  ctx: ActingContext,
  userId: number,
  input: PushSubscriptionRequest,
) {
  if (!isP256PublicKey(input.keys.p256dh)) throw invalidField("keys.p256dh", "Must be the browser's P-256 public key");
  await requireAllowedDestinations(destinations, { endpoint: input.endpoint });
  return db.prisma.$transaction(async (tx) => {
    const keys = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth };
    const subscription = await tx.pushSubscription.upsert({
      where: { endpoint: input.endpoint },
      create: { endpoint: input.endpoint, ...keys },
      update: keys,
    });
    await recordAudit(tx, ctx, { action: "push_subscription.added", entityType: "push_subscription", entityId: subscription.id });
    return subscription;
  });
}

/**
 * Refuses, at save time, a URL whose host is (or resolves to) an address reminders may not
 * reach, so the member learns it now. Every send checks again: names can change.
 */
async function requireAllowedDestinations(destinations: DestinationPolicy, urls: Record<string, string | undefined>) {
  for (const [field, url] of Object.entries(urls)) {
    const refusal = url === undefined ? null : await destinations.refusalFor(url);
    if (refusal) throw invalidField(field, refusal);
  }
}

/** Email goes to the account's own address through the instance's mail server: both must exist. */
function requireEmailAvailable(smtp: SmtpConfig | null, email: string | null) {
  if (!smtp) throw invalidField("email.enabled", "This server has no mail settings (SMTP); ask its operator");
  if (!email) throw invalidField("email.enabled", "This account has no email address");
}

function isP256PublicKey(base64url: string): boolean {
  try {
    // Decoding the point checks that it lies on the curve.
    ECDH.convertKey(Buffer.from(base64url, "base64url"), "prime256v1");
    return true;
  } catch {
    return false;
  }
}

export async function removePushSubscription(db: Database, ctx: ActingContext, userId: number, endpoint: string) {
  await db.prisma.$transaction(async (tx) => {
    const subscription = await tx.pushSubscription.findFirst({ where: { endpoint, userId } });
    if (!subscription) throw notFound("Push subscription");
    await tx.pushSubscription.delete({ where: { id: subscription.id } });
    await recordAudit(tx, ctx, { action: "push_subscription.removed", entityType: "push_subscription", entityId: subscription.id });
  });
}

/** Sends a test reminder on every channel the member has on, now, and says how each went. */
export async function sendTestReminder(
  db: Database,
  config: ReminderConfig,
  ctx: ActingContext,
  userId: number,
): Promise<ReminderTestResult> {
  const [settings, subscriptions] = await Promise.all([
    db.prisma.reminderSettings.findUnique({ where: { userId } }),
    db.prisma.pushSubscription.findMany({ where: { userId }, orderBy: { id: "asc" } }),
  ]);
  const targets = settings ? reminderTargets(settings, subscriptions, ctx.actor.email) : null;
  const channels = targets ? enabledChannels(targets) : [];
  if (!targets || channels.length === 0) {
    throw new ApiError("invalid_state", "Turn on at least one reminder channel and save before sending a test");
  }
  const reminder = {
    kind: "test" as const,
    chore: null,
    user: { id: userId, username: ctx.actor.username, timezone: ctx.actor.timezone },
    sentAt: new Date(),
  };
  const results = await Promise.all(
    channels.map(async (channel) => {
      const result = await sendOnChannel(channel, targets, reminder, config);
      if (result.deadSubscriptionIds?.length)
        await db.prisma.pushSubscription.deleteMany({ where: { id: { in: result.deadSubscriptionIds } } });
      return { channel, ok: result.ok, error: result.ok ? null : result.error };
    }),
  );
  return { results };
}
