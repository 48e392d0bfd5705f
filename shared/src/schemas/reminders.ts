/**
 * Reminders: each member's own channels (Web Push, a signed webhook, ntfy, email, Gotify,
 * Discord, Slack, Telegram), when to be reminded and which other events to hear about.
 * Settings are personal, so they are never read or written while impersonating.
 */
import { z } from "zod";
import { formMessages } from "./messages";

/**
 * Where Chorus may send a reminder: an http(s) URL without credentials. Whether its host
 * may be reached (public addresses, plus the private networks the operator allows) is the
 * server's decision: see server/src/reminders/destinations.ts.
 */
export const reminderUrlSchema = z
  .string()
  .max(2048, formMessages.urlMax)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, formMessages.urlScheme)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === "" && url.password === "";
    } catch {
      return true;
    }
  }, formMessages.urlCredentials);

/** ntfy's own rule for topic names. */
export const ntfyTopicSchema = z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, formMessages.ntfyTopicFormat);

/** "HH:mm", 24-hour clock, in the member's time zone. */
export const clockTimeSchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, formMessages.clockTimeFormat);

export const quietHoursSchema = z.strictObject({ start: clockTimeSchema, end: clockTimeSchema });
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** Gotify application tokens: letters, digits, `.`, `-` and `_`. */
export const gotifyTokenSchema = z.string().regex(/^[-_.A-Za-z0-9]{1,128}$/, formMessages.gotifyTokenFormat);

/** `<bot id>:<secret>` as BotFather hands it out. */
export const telegramBotTokenSchema = z.string().regex(/^\d{1,20}:[-_A-Za-z0-9]{20,100}$/, formMessages.telegramTokenFormat);

/** A numeric chat id (negative for groups) or a public channel's @name. */
export const telegramChatIdSchema = z.string().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, formMessages.telegramChatFormat);

export const reminderChannelSchema = z.enum(["push", "webhook", "ntfy", "email", "gotify", "discord", "slack", "telegram"]);
export type ReminderChannel = z.infer<typeof reminderChannelSchema>;

export const reminderSettingsSchema = z.object({
  push: z.object({ enabled: z.boolean(), subscriptions: z.number() }),
  /** The secret is never shown again after the response that generated it. */
  webhook: z.object({ url: z.string() }).nullable(),
  ntfy: z.object({ serverUrl: z.string(), topic: z.string() }).nullable(),
  /** To the account's email; `available` is false when the server has no SMTP settings or the account no email. */
  email: z.object({ enabled: z.boolean(), address: z.string().nullable(), available: z.boolean() }),
  /** Tokens and webhook URLs are secrets: after saving only the server or host is shown. */
  gotify: z.object({ serverUrl: z.string() }).nullable(),
  discord: z.object({ host: z.string() }).nullable(),
  slack: z.object({ host: z.string() }).nullable(),
  telegram: z.object({ chatId: z.string() }).nullable(),
  when: z.object({ due: z.boolean(), overdue: z.boolean() }),
  /** Besides reminders; "someone started acting as you" is always sent (decision 0022). */
  events: z.object({ approvalNeeded: z.boolean(), rewardRequested: z.boolean() }),
  quietHours: quietHoursSchema.nullable(),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** The whole settings object (PUT replaces it). */
export const updateReminderSettingsRequestSchema = z.strictObject({
  push: z.strictObject({ enabled: z.boolean() }),
  webhook: z
    .strictObject({
      url: reminderUrlSchema,
      /** Replace the signing secret with a new one (a secret is generated anyway when none exists). */
      rotateSecret: z.boolean().optional(),
    })
    .nullable(),
  ntfy: z.strictObject({ serverUrl: reminderUrlSchema, topic: ntfyTopicSchema }).nullable(),
  /*
   * The channels below may be left out (older clients): left out means off, and events on.
   * A secret left out keeps the saved one; there must be one saved or sent.
   */
  email: z.strictObject({ enabled: z.boolean() }).optional(),
  gotify: z.strictObject({ serverUrl: reminderUrlSchema, token: gotifyTokenSchema.optional() }).nullable().optional(),
  discord: z.strictObject({ url: reminderUrlSchema.optional() }).nullable().optional(),
  slack: z.strictObject({ url: reminderUrlSchema.optional() }).nullable().optional(),
  telegram: z.strictObject({ chatId: telegramChatIdSchema, botToken: telegramBotTokenSchema.optional() }).nullable().optional(),
  when: z.strictObject({ due: z.boolean(), overdue: z.boolean() }),
  events: z.strictObject({ approvalNeeded: z.boolean(), rewardRequested: z.boolean() }).optional(),
  quietHours: quietHoursSchema.nullable(),
});
export type UpdateReminderSettingsRequest = z.infer<typeof updateReminderSettingsRequestSchema>;

/** The PUT answer: the settings, plus the webhook secret when this request generated one. */
export const updatedReminderSettingsSchema = reminderSettingsSchema.extend({ webhookSecret: z.string().optional() });
export type UpdatedReminderSettings = z.infer<typeof updatedReminderSettingsSchema>;

/** A browser's `PushSubscription.toJSON()`. */
export const pushSubscriptionRequestSchema = z.strictObject({
  endpoint: reminderUrlSchema,
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, formMessages.pushKeyFormat),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, formMessages.pushAuthFormat),
  }),
});
export type PushSubscriptionRequest = z.infer<typeof pushSubscriptionRequestSchema>;

export const deletePushSubscriptionRequestSchema = z.strictObject({ endpoint: reminderUrlSchema });
export type DeletePushSubscriptionRequest = z.infer<typeof deletePushSubscriptionRequestSchema>;

export const pushSubscriptionSchema = z.object({ id: z.number(), endpoint: z.string() });

export const vapidPublicKeySchema = z.object({ publicKey: z.string() });

export const reminderTestResultSchema = z.object({
  results: z.array(z.object({ channel: reminderChannelSchema, ok: z.boolean(), error: z.string().nullable() })),
});
export type ReminderTestResult = z.infer<typeof reminderTestResultSchema>;
