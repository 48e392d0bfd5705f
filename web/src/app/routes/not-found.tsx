import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Page } from "../../components/page";

export function NotFoundRoute() {
  const { t } = useTranslation("app");
  return (
    <Page title={t("notFound.title")}>
      <p>
        {t("notFound.nothingHere")} <Link to="/">{t("notFound.goToTasks")}</Link>
      </p>
    </Page>
  );
}
