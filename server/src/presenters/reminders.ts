import type { ReminderSettings } from "@chorus/shared";
import type { ReminderSettings as ReminderSettingsRow } from "../generated/prisma/client";

/** A member's settings as the API shows them: never the webhook secret. No row yet means the defaults. */
export function presentReminderSettings(row: ReminderSettingsRow | null, subscriptionCount: number): ReminderSettings {
  return {
    push: { enabled: row?.pushEnabled ?? false, subscriptions: subscriptionCount },
    webhook: row?.webhookUrl ? { url: row.webhookUrl } : null,
    ntfy: row?.ntfyServerUrl && row.ntfyTopic ? { serverUrl: row.ntfyServerUrl, topic: row.ntfyTopic } : null,
    when: { due: row?.notifyDue ?? true, overdue: row?.notifyOverdue ?? true },
    quietHours: row?.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
  };
}
