import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { reminderPolicy } from "../policies/reminders";
import { presentReminderSettings } from "../presenters/reminders";
import * as reminders from "../services/reminders";

/** Reminder settings and push subscriptions: personal, so none of these accept impersonation. */
export function reminderHandlers({ db, config }: AppDeps): GroupHandlers<ChorusContract["reminders"]> {
  return {
    vapidPublicKey: async () => ({ publicKey: config.reminders.vapid.publicKey }),
    settings: async ({ ctx }) => {
      const { settings, subscriptions, email } = await reminders.getReminderSettings(db, reminderPolicy.ownerOf(ctx));
      return presentReminderSettings(settings, subscriptions, { email, smtp: config.reminders.smtp !== null });
    },
    updateSettings: async ({ body, ctx }) => {
      const { settings, subscriptions, email, webhookSecret } = await reminders.updateReminderSettings(
        db,
        config.reminders,
        ctx,
        reminderPolicy.ownerOf(ctx),
        body,
      );
      const presented = presentReminderSettings(settings, subscriptions, { email, smtp: config.reminders.smtp !== null });
      return { ...presented, ...(webhookSecret ? { webhookSecret } : {}) };
    },
    test: async ({ ctx }) => reminders.sendTestReminder(db, config.reminders, ctx, reminderPolicy.ownerOf(ctx)),
    subscribePush: async ({ body, ctx }) => {
      const subscription = await reminders.addPushSubscription(db, config.reminders.destinations, ctx, reminderPolicy.ownerOf(ctx), body);
      return { id: subscription.id, endpoint: subscription.endpoint };
    },
    unsubscribePush: async ({ body, ctx }) => reminders.removePushSubscription(db, ctx, reminderPolicy.ownerOf(ctx), body.endpoint),
  };
}
