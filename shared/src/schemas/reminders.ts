/**
 * Reminders: each member's own channels (Web Push, a signed webhook, ntfy) and when to be
 * reminded. Settings are personal, so they are never read or written while impersonating.
 */
import { z } from "zod";

/**
 * Where Chorus may send a reminder: an http(s) URL without credentials. Whether its host
 * may be reached (public addresses, plus the private networks the operator allows) is the
 * server's decision: see server/src/reminders/destinations.ts.
 */
export const reminderUrlSchema = z
  .string()
  .max(2048, "URL must be at most 2048 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "Enter an http:// or https:// URL")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === "" && url.password === "";
    } catch {
      return true;
    }
  }, "URLs with a user name or password are not supported");

/** ntfy's own rule for topic names. */
export const ntfyTopicSchema = z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, "Topics are 1-64 letters, digits, - and _");

/** "HH:mm", 24-hour clock, in the member's time zone. */
export const clockTimeSchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "Use a 24-hour time like 22:00");

export const quietHoursSchema = z.strictObject({ start: clockTimeSchema, end: clockTimeSchema });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const reminderChannelSchema = z.enum(["push", "webhook", "ntfy"]);
export type ReminderChannel = z.infer<typeof reminderChannelSchema>;

export const reminderSettingsSchema = z.object({
  push: z.object({ enabled: z.boolean(), subscriptions: z.number() }),
  /** The secret is never shown again after the response that generated it. */
  webhook: z.object({ url: z.string() }).nullable(),
  ntfy: z.object({ serverUrl: z.string(), topic: z.string() }).nullable(),
  when: z.object({ due: z.boolean(), overdue: z.boolean() }),
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
  when: z.strictObject({ due: z.boolean(), overdue: z.boolean() }),
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
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, "Must be the base64url P-256 public key from the browser"),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}={0,2}$/, "Must be the base64url auth secret from the browser"),
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
