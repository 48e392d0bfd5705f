import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

export const reminderSettingsQueryKey = ["reminderSettings"] as const;

/** The signed-in person's own reminder settings (personal: never while viewing as someone). */
export function useReminderSettings() {
  const api = useApi();
  return useQuery({ queryKey: reminderSettingsQueryKey, queryFn: () => api.self.reminders.settings() });
}

/** After a change to settings or subscriptions the counts are stale. Not awaited. */
export function useInvalidateReminderSettings() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: reminderSettingsQueryKey });
}
