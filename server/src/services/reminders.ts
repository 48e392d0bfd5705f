/**
 * A member's own reminder settings, browser push subscriptions, and the "Send test"
 * action. The scheduler that sends real reminders lives in reminders/scheduler.ts.
 */
import { ECDH, randomBytes } from "node:crypto";
import type { PushSubscriptionRequest, ReminderTestResult, UpdateReminderSettingsRequest } from "@chorus/shared";
import type { ReminderConfig } from "../config";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { ApiError, notFound } from "../errors";
import { invalidField } from "./chores/records";
import { enabledChannels, reminderTargets, sendOnChannel } from "../reminders/channels";
import type { DestinationPolicy } from "../reminders/destinations";
import { recordAudit } from "./audit";

export async function getReminderSettings(db: Database, userId: number) {
  const [settings, subscriptions] = await Promise.all([
    db.prisma.reminderSettings.findUnique({ where: { userId } }),
    db.prisma.pushSubscription.count({ where: { userId } }),
  ]);
  return { settings, subscriptions };
}

/**
 * Replaces the member's settings. A webhook gets a signing secret the first time it is
 * set (or when asked to rotate); the secret is returned by this call only.
 */
export async function updateReminderSettings(
  db: Database,
  destinations: DestinationPolicy,
  ctx: ActingContext,
  userId: number,
  input: UpdateReminderSettingsRequest,
) {
  await requireAllowedDestinations(destinations, { "webhook.url": input.webhook?.url, "ntfy.serverUrl": input.ntfy?.serverUrl });
  return db.prisma.$transaction(async (tx) => {
    const current = await tx.reminderSettings.findUnique({ where: { userId } });
    const newSecret =
      input.webhook && (!current?.webhookSecret || input.webhook.rotateSecret) ? randomBytes(32).toString("hex") : undefined;
    const data = {
      pushEnabled: input.push.enabled,
      webhookUrl: input.webhook?.url ?? null,
      webhookSecret: input.webhook ? (newSecret ?? current!.webhookSecret) : null,
      ntfyServerUrl: input.ntfy?.serverUrl ?? null,
      ntfyTopic: input.ntfy?.topic ?? null,
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
        due: data.notifyDue,
        overdue: data.notifyOverdue,
        quietHours: input.quietHours !== null,
        ...(newSecret ? { webhookSecretGenerated: true } : {}),
      },
    });
    return { settings, subscriptions, webhookSecret: newSecret };
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
  const targets = settings ? reminderTargets(settings, subscriptions) : null;
  const channels = targets ? enabledChannels(targets) : [];
  if (!targets || channels.length === 0) {
    throw new ApiError("invalid_state", "Turn on at least one reminder channel (push, webhook or ntfy) and save before sending a test");
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
