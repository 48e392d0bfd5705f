import { Link } from "react-router";
import { Page } from "../../../components/page";
import { ActAsConsentForm } from "../../../features/account/components/act-as-consent-form";
import { AwayPeriods } from "../../../features/away/components/away-periods";
import { SsoIdentities } from "../../../features/sso/components/sso-identities";
import { TwoStepSection } from "../../../features/mfa/components/two-step-section";
import { ThemeChooser } from "../../../features/theme/components/theme-chooser";
import { LanguageChooser } from "../../../features/language/components/language-chooser";
import { OwnSessionOnly, useViewer } from "./viewer";

/** What is yours alone, one header link away: your points, reminders, the calendar link, API tokens, and who may act for you. */
const SECTIONS = [
  {
    to: "/account/reminders",
    title: "Reminders",
    about: "Browser notifications, email, chat apps, ntfy or a webhook when your chores fall due.",
  },
  { to: "/account/calendar", title: "Calendar feed", about: "A private link that shows your upcoming chores in your calendar app." },
  { to: "/account/tokens", title: "API tokens", about: "Let scripts and other apps use Chorus as you." },
];

export function AccountRoute() {
  const viewer = useViewer();
  const sections = [
    { to: `/points/${viewer.self.id}`, title: "Points history", about: "Every point you earned or that changed, and who did it." },
    ...SECTIONS,
  ];
  return (
    <OwnSessionOnly title="Account">
      <Page title="Account">
        <ul className="account-sections" aria-label="Your settings">
          {sections.map((section) => (
            <li key={section.to} className="card">
              <Link to={section.to}>{section.title}</Link>
              <p className="muted">{section.about}</p>
            </li>
          ))}
        </ul>
        <section className="card" aria-labelledby="away-heading">
          <h2 id="away-heading">Away</h2>
          <p className="muted">
            Days you are away: your chores are not due for you, rotation passes you over, reminders and penalties pause.
          </p>
          <AwayPeriods userId={viewer.self.id} label="Your away days" />
        </section>
        <TwoStepSection timeZone={viewer.self.timezone} />
        <ActAsConsentForm />
        <SsoIdentities timeZone={viewer.self.timezone} />
        <ThemeChooser />
        <LanguageChooser />
      </Page>
    </OwnSessionOnly>
  );
}
