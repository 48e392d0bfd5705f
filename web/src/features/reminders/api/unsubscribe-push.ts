import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { hasErrorCode } from "../../../lib/errors";
import { currentPushSubscription } from "../utils/browser-push";
import { useInvalidateReminderSettings } from "./get-reminder-settings";

/** Stops notifications in this browser: forgets it in Chorus, then unsubscribes it. */
export function useUnsubscribePush() {
  const api = useApi();
  const invalidate = useInvalidateReminderSettings();
  return useMutation({
    mutationFn: async () => {
      const subscription = await currentPushSubscription();
      if (!subscription) return;
      await api.self.reminders.unsubscribePush({ endpoint: subscription.endpoint }).catch((error: unknown) => {
        // Already forgotten by the server (a gone subscription is dropped there): still unsubscribe here.
        if (!hasErrorCode(error, "not_found")) throw error;
      });
      await subscription.unsubscribe();
    },
    onSuccess: invalidate,
  });
}
