import { ErrorAlert, Loading } from "../../../components/status";
import { useReminderSettings } from "../api/get-reminder-settings";
import { ReminderSettingsForm } from "./reminder-settings-form";
import { SendTestReminder } from "./send-test-reminder";

/** The reminders page's content: the settings once loaded, and the test button. */
export function ReminderSettingsPanel() {
  const settings = useReminderSettings();
  if (settings.isError)
    return <ErrorAlert title="Could not load your reminder settings." error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Loading label="Loading your reminder settings…" />;
  return (
    <div className="two-columns">
      <section className="card" aria-labelledby="reminder-channels-heading">
        <h2 id="reminder-channels-heading">Channels</h2>
        <ReminderSettingsForm settings={settings.data} />
      </section>
      <section className="card" aria-labelledby="reminder-test-heading">
        <h2 id="reminder-test-heading">Test</h2>
        <SendTestReminder />
      </section>
    </div>
  );
}
