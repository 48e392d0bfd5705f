import { deletePushSubscriptionRequestSchema, pushSubscriptionRequestSchema, updateReminderSettingsRequestSchema } from "@chorus/shared";
import type { RequestHandler } from "express";
import type { AppDeps } from "../deps";
import { parseInput } from "../errors";
import { created, noContent, ok, type Route } from "../http/route";
import { reminderPolicy } from "../policies/reminders";
import { presentReminderSettings } from "../presenters/reminders";
import * as reminders from "../services/reminders";

/** Reminder settings and push subscriptions: personal, so none of these accept impersonation. */
export function reminderRoutes({ db, config }: AppDeps, testRateLimit: RequestHandler): Route[] {
  return [
    {
      method: "GET",
      path: "/reminders/vapid-public-key",
      auth: "user",
      handle: async () => ok({ publicKey: config.reminders.vapid.publicKey }),
    },
    {
      method: "GET",
      path: "/users/me/reminders",
      auth: "user",
      handle: async ({ ctx }) => {
        const { settings, subscriptions } = await reminders.getReminderSettings(db, reminderPolicy.ownerOf(ctx));
        return ok(presentReminderSettings(settings, subscriptions));
      },
    },
    {
      method: "PUT",
      path: "/users/me/reminders",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(updateReminderSettingsRequestSchema, req.body, "body");
        const { settings, subscriptions, webhookSecret } = await reminders.updateReminderSettings(db, config.reminders.destinations, ctx, reminderPolicy.ownerOf(ctx), input);
        return ok({ ...presentReminderSettings(settings, subscriptions), ...(webhookSecret ? { webhookSecret } : {}) });
      },
    },
    {
      method: "POST",
      path: "/users/me/reminders/test",
      auth: "user",
      before: [testRateLimit],
      handle: async ({ ctx }) => ok(await reminders.sendTestReminder(db, config.reminders, ctx, reminderPolicy.ownerOf(ctx))),
    },
    {
      method: "POST",
      path: "/users/me/push-subscriptions",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(pushSubscriptionRequestSchema, req.body, "body");
        const subscription = await reminders.addPushSubscription(db, config.reminders.destinations, ctx, reminderPolicy.ownerOf(ctx), input);
        return created({ id: subscription.id, endpoint: subscription.endpoint });
      },
    },
    {
      method: "DELETE",
      path: "/users/me/push-subscriptions",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { endpoint } = parseInput(deletePushSubscriptionRequestSchema, req.body, "body");
        await reminders.removePushSubscription(db, ctx, reminderPolicy.ownerOf(ctx), endpoint);
        return noContent();
      },
    },
  ];
}
