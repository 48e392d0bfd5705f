import { useTranslation } from "react-i18next";
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
  { to: "/account/reminders", key: "reminders" },
  { to: "/account/calendar", key: "calendar" },
  { to: "/account/tokens", key: "tokens" },
] as const;

export function AccountRoute() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const sections = [{ to: `/points/${viewer.self.id}`, key: "points" } as const, ...SECTIONS];
  return (
    <OwnSessionOnly title={t("account.title")}>
      <Page title={t("account.title")}>
        <ul className="account-sections" aria-label={t("account.sectionsLabel")}>
          {sections.map((section) => (
            <li key={section.to} className="card">
              <Link to={section.to}>{t(`account.sections.${section.key}.title`)}</Link>
              <p className="muted">{t(`account.sections.${section.key}.about`)}</p>
            </li>
          ))}
        </ul>
        <section className="card" aria-labelledby="away-heading">
          <h2 id="away-heading">{t("account.away.heading")}</h2>
          <p className="muted">{t("account.away.about")}</p>
          <AwayPeriods userId={viewer.self.id} label={t("account.away.label")} />
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
