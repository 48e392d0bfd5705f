import type { ReminderSettings } from "@chorus/shared";
import type { ReminderSettings as ReminderSettingsRow } from "../generated/prisma/client";

/**
 * A member's settings as the API shows them: never a secret (the webhook's signing secret,
 * the Gotify or Telegram token, a Discord or Slack webhook URL). No row yet means the defaults.
 */
export function presentReminderSettings(
  row: ReminderSettingsRow | null,
  subscriptionCount: number,
  account: { email: string | null; smtp: boolean },
): ReminderSettings {
  return {
    push: { enabled: row?.pushEnabled ?? false, subscriptions: subscriptionCount },
    webhook: row?.webhookUrl ? { url: row.webhookUrl } : null,
    ntfy: row?.ntfyServerUrl && row.ntfyTopic ? { serverUrl: row.ntfyServerUrl, topic: row.ntfyTopic } : null,
    email: { enabled: row?.emailEnabled ?? false, address: account.email, available: account.smtp && account.email !== null },
    gotify: row?.gotifyServerUrl && row.gotifyToken ? { serverUrl: row.gotifyServerUrl } : null,
    discord: row?.discordWebhookUrl ? { host: new URL(row.discordWebhookUrl).host } : null,
    slack: row?.slackWebhookUrl ? { host: new URL(row.slackWebhookUrl).host } : null,
    telegram: row?.telegramBotToken && row.telegramChatId ? { chatId: row.telegramChatId } : null,
    when: { due: row?.notifyDue ?? true, overdue: row?.notifyOverdue ?? true },
    events: { approvalNeeded: row?.notifyApprovalNeeded ?? true, rewardRequested: row?.notifyRewardRequested ?? true },
    quietHours: row?.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
  };
}
