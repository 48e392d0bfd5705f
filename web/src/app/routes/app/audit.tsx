import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { AuditLog } from "../../../features/audit/components/audit-log";
import { SessionsReview } from "../../../features/audit/components/sessions-review";
import { useChoreNames } from "../../../features/chores/api/get-chores";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMemberNames, useMembers } from "../../../features/circle/api/get-members";
import { OwnSessionOnly } from "./viewer";

export function AuditRoute() {
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("audit.title")} adminOnly>
      <Audit />
    </OwnSessionOnly>
  );
}

function Audit() {
  const { t } = useTranslation("app");
  const [searchParams, setSearchParams] = useSearchParams();
  const view = searchParams.get("view") === "sessions" ? "sessions" : "events";
  const circle = useCircle();
  const members = useMembers();
  const nameOf = useMemberNames();
  // Names only label the "On" column, so the log shows at once and ids stand in until they load.
  const choreNameOf = useChoreNames();
  if (circle.isPending || members.isPending) return <Loading />;
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;
  return (
    <Page title={t("audit.title")}>
      <div className="segmented" role="group" aria-label={t("audit.viewLabel")}>
        {(["events", "sessions"] as const).map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={view === option}
            onClick={() => setSearchParams(option === "events" ? {} : { view: option }, { replace: true })}
          >
            {t(`audit.views.${option}`)}
          </button>
        ))}
      </div>
      {view === "sessions" ? (
        <>
          <p className="muted">{t("audit.sessionsAbout")}</p>
          <SessionsReview timeZone={circle.data.timezone} />
        </>
      ) : (
        <>
          <p className="muted">{t("audit.eventsAbout")}</p>
          <AuditLog members={members.data} nameOf={nameOf} choreNameOf={choreNameOf} timeZone={circle.data.timezone} />
        </>
      )}
    </Page>
  );
}
