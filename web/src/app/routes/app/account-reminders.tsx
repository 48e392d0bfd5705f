import { Page } from "../../../components/page";
import { ReminderSettingsPanel } from "../../../features/reminders/components/reminder-settings";
import { OwnSessionOnly } from "./viewer";

export function AccountRemindersRoute() {
  return (
    <OwnSessionOnly title="Reminders">
      <Page title="Reminders">
        <p className="muted">
          Get reminded when your chores fall due and when they are overdue: as browser notifications, by email, on Gotify, Discord, Slack,
          Telegram or an ntfy topic, or through a webhook. Reminders are yours alone; only chores assigned to you are sent.
        </p>
        <ReminderSettingsPanel />
      </Page>
    </OwnSessionOnly>
  );
}
