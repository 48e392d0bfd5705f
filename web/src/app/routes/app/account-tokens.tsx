import { Trans, useTranslation } from "react-i18next";
import { Page } from "../../../components/page";
import { ApiTokensList } from "../../../features/account/components/api-tokens-list";
import { CreateApiTokenForm } from "../../../features/account/components/create-api-token-form";
import { OwnSessionOnly, useViewer } from "./viewer";

// i18n-ignore: an HTTP header, the same in every language
const AUTHORIZATION_HEADER = "Authorization: Bearer <token>";

export function AccountTokensRoute() {
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("account.sections.tokens.title")}>
      <AccountTokens />
    </OwnSessionOnly>
  );
}

function AccountTokens() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  return (
    <Page title={t("account.sections.tokens.title")}>
      <p className="muted">
        <Trans t={t} i18nKey="accountTokens.about" components={{ code: <code>{AUTHORIZATION_HEADER}</code> }} />
      </p>
      <div className="two-columns">
        <section className="card" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">{t("accountTokens.yourTokens")}</h2>
          <ApiTokensList timeZone={viewer.self.timezone} />
        </section>
        <section className="card" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">{t("accountTokens.newToken")}</h2>
          <CreateApiTokenForm />
        </section>
      </div>
    </Page>
  );
}
