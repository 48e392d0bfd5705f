import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading } from "../../../components/status";
import { useReminderSettings } from "../api/get-reminder-settings";
import { ReminderSettingsForm } from "./reminder-settings-form";
import { SendTestReminder } from "./send-test-reminder";

/** The reminders page's content: the settings once loaded, and the test button. */
export function ReminderSettingsPanel() {
  const { t } = useTranslation("reminders");
  const settings = useReminderSettings();
  if (settings.isError) return <ErrorAlert title={t("panel.loadFailed")} error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Loading label={t("panel.loading")} />;
  return (
    <div className="two-columns">
      <section className="card" aria-labelledby="reminder-channels-heading">
        <h2 id="reminder-channels-heading">{t("panel.channels")}</h2>
        <ReminderSettingsForm settings={settings.data} />
      </section>
      <section className="card" aria-labelledby="reminder-test-heading">
        <h2 id="reminder-test-heading">{t("panel.test")}</h2>
        <SendTestReminder />
      </section>
    </div>
  );
}
