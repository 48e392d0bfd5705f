import { Page } from "../../../components/page";
import { CalendarFeedSettings } from "../../../features/calendar-feed/components/calendar-feed-settings";
import { OwnSessionOnly, useViewer } from "./viewer";

export function AccountCalendarRoute() {
  return (
    <OwnSessionOnly title="Calendar feed">
      <AccountCalendar />
    </OwnSessionOnly>
  );
}

function AccountCalendar() {
  const viewer = useViewer();
  return (
    <Page title="Calendar feed">
      <p className="muted">
        See your upcoming chores in Google Calendar, Apple Calendar, Outlook or any app that subscribes to an iCal link. The feed lists the
        chores assigned to you and nothing else; your calendar app refreshes it on its own schedule.
      </p>
      <section className="card" aria-labelledby="calendar-link-heading">
        <h2 id="calendar-link-heading">Your calendar link</h2>
        <CalendarFeedSettings timeZone={viewer.self.timezone} />
      </section>
    </Page>
  );
}
