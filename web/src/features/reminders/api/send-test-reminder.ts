import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateReminderSettings } from "./get-reminder-settings";

/** Sends a test reminder on every saved channel; a gone browser subscription may be dropped meanwhile. */
export function useSendTestReminder() {
  const api = useApi();
  const invalidate = useInvalidateReminderSettings();
  return useMutation({ mutationFn: () => api.self.reminders.test(), onSettled: invalidate });
}
