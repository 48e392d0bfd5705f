import { useTranslation } from "react-i18next";
import { Page } from "../../../components/page";
import { ReminderSettingsPanel } from "../../../features/reminders/components/reminder-settings";
import { OwnSessionOnly } from "./viewer";

export function AccountRemindersRoute() {
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("account.sections.reminders.title")}>
      <Page title={t("account.sections.reminders.title")}>
        <p className="muted">{t("accountReminders.about")}</p>
        <ReminderSettingsPanel />
      </Page>
    </OwnSessionOnly>
  );
}
