import { Link } from "react-router";
import { Page } from "../../../components/page";
import { ActAsConsentForm } from "../../../features/account/components/act-as-consent-form";
import { OwnSessionOnly } from "./viewer";

/** What is yours alone, one header link away: reminders, the calendar link, API tokens, and who may act for you. */
const SECTIONS = [
  { to: "/account/reminders", title: "Reminders", about: "Browser notifications, ntfy or a webhook when your chores fall due." },
  { to: "/account/calendar", title: "Calendar feed", about: "A private link that shows your upcoming chores in your calendar app." },
  { to: "/account/tokens", title: "API tokens", about: "Let scripts and other apps use Chorus as you." },
];

export function AccountRoute() {
  return (
    <OwnSessionOnly title="Account">
      <Page title="Account">
        <ul className="account-sections" aria-label="Your settings">
          {SECTIONS.map((section) => (
            <li key={section.to} className="card">
              <Link to={section.to}>{section.title}</Link>
              <p className="muted">{section.about}</p>
            </li>
          ))}
        </ul>
        <ActAsConsentForm />
      </Page>
    </OwnSessionOnly>
  );
}
