import type { UpdateReminderSettingsRequest } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { reminderSettingsQueryKey } from "./get-reminder-settings";

/** Saves the whole settings object; the answer carries a new webhook secret once, when one was generated. */
export function useUpdateReminderSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateReminderSettingsRequest) => api.self.reminders.updateSettings(body),
    onSuccess: ({ webhookSecret: _shownOnce, ...settings }) => queryClient.setQueryData(reminderSettingsQueryKey, settings),
  });
}
