import { isAdminOrManager } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useApprovals } from "../../../features/approvals/api/approvals";
import { ApprovalQueue } from "../../../features/approvals/components/approval-queue";
import { useMemberNames } from "../../../features/circle/api/get-members";
import { OwnSessionOnly, useViewer } from "./viewer";

/** `/approvals` (decision 0027): the completions waiting for an admin or manager, as themselves. */
export function ApprovalsRoute() {
  const { t } = useTranslation("app");
  return (
    <OwnSessionOnly title={t("shell.approvals")}>
      <Approvals />
    </OwnSessionOnly>
  );
}

function Approvals() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  if (!isAdminOrManager(viewer.self.role)) {
    return (
      <Page title={t("shell.approvals")}>
        <p className="notice-box">
          {t("approvals.notAllowed")} <Link to="/">{t("shared.backToTasks")}</Link>
        </p>
      </Page>
    );
  }
  return <Queue timeZone={viewer.self.timezone} />;
}

function Queue({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation("app");
  const approvals = useApprovals();
  const nameOf = useMemberNames();
  if (approvals.isPending) return <Loading label={t("approvals.loading")} />;
  if (approvals.isError) return <ErrorAlert error={approvals.error} onRetry={() => void approvals.refetch()} />;
  return (
    <Page title={t("shell.approvals")}>
      <section className="card" aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">{t("approvals.waiting")}</h2>
        <ApprovalQueue approvals={approvals.data} nameOf={nameOf} timeZone={timeZone} />
      </section>
    </Page>
  );
}
