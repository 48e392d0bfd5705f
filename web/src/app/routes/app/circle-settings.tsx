import { useTranslation } from "react-i18next";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useCircle } from "../../../features/circle/api/get-circle";
import { AwayPeriods } from "../../../features/away/components/away-periods";
import { CircleSettingsForm } from "../../../features/circle/components/circle-settings-form";
import { CircleData } from "../../../features/circle/components/circle-data";
import { OwnSessionOnly } from "./viewer";

export function CircleSettingsRoute() {
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("circleSettings.title")} adminOnly>
      <CircleSettings />
    </OwnSessionOnly>
  );
}

function CircleSettings() {
  const { t } = useTranslation("app");
  const circle = useCircle();
  if (circle.isPending) return <Loading />;
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;
  return (
    <Page title={t("circleSettings.title")}>
      <CircleSettingsForm circle={circle.data} />
      <section className="card" aria-labelledby="pause-heading">
        <h2 id="pause-heading">{t("circleSettings.pauseHeading")}</h2>
        <p className="muted">{t("circleSettings.pauseAbout")}</p>
        <AwayPeriods userId={null} label={t("circleSettings.pauseLabel")} />
      </section>
      <CircleData />
    </Page>
  );
}
