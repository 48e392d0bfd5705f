import { useTranslation } from "react-i18next";
import { Page } from "../../../components/page";
import { CalendarFeedSettings } from "../../../features/calendar-feed/components/calendar-feed-settings";
import { OwnSessionOnly, useViewer } from "./viewer";

export function AccountCalendarRoute() {
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("account.sections.calendar.title")}>
      <AccountCalendar />
    </OwnSessionOnly>
  );
}

function AccountCalendar() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  return (
    <Page title={t("account.sections.calendar.title")}>
      <p className="muted">{t("accountCalendar.about")}</p>
      <section className="card" aria-labelledby="calendar-link-heading">
        <h2 id="calendar-link-heading">{t("accountCalendar.linkHeading")}</h2>
        <CalendarFeedSettings timeZone={viewer.self.timezone} />
      </section>
    </Page>
  );
}
