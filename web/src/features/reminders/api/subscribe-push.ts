import type { PushSubscriptionRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { subscribeThisBrowser } from "../utils/browser-push";
import { useInvalidateReminderSettings } from "./get-reminder-settings";

/** Asks this browser for permission, subscribes it with the server's VAPID key, and registers it with Chorus. */
export function useSubscribePush() {
  const api = useApi();
  const invalidate = useInvalidateReminderSettings();
  return useMutation({
    mutationFn: async () => {
      const { publicKey } = await api.self.reminders.vapidPublicKey();
      const subscription = await subscribeThisBrowser(publicKey);
      return api.self.reminders.subscribePush(subscription.toJSON() as PushSubscriptionRequest);
    },
    onSuccess: invalidate,
  });
}
