import { isAdminOrManager } from "@chorus/shared";
import { Link } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useApprovals } from "../../../features/approvals/api/approvals";
import { ApprovalQueue } from "../../../features/approvals/components/approval-queue";
import { useMemberNames } from "../../../features/circle/api/get-members";
import { OwnSessionOnly, useViewer } from "./viewer";

/** `/approvals` (decision 0027): the completions waiting for an admin or manager, as themselves. */
export function ApprovalsRoute() {
  return (
    <OwnSessionOnly title="Approvals">
      <Approvals />
    </OwnSessionOnly>
  );
}

function Approvals() {
  const viewer = useViewer();
  if (!isAdminOrManager(viewer.self.role)) {
    return (
      <Page title="Approvals">
        <p className="notice-box">
          Only admins and managers approve completions. <Link to="/">Back to tasks</Link>
        </p>
      </Page>
    );
  }
  return <Queue timeZone={viewer.self.timezone} />;
}

function Queue({ timeZone }: { timeZone: string }) {
  const approvals = useApprovals();
  const nameOf = useMemberNames();
  if (approvals.isPending) return <Loading label="Loading approvals…" />;
  if (approvals.isError) return <ErrorAlert error={approvals.error} onRetry={() => void approvals.refetch()} />;
  return (
    <Page title="Approvals">
      <section className="card" aria-labelledby="approvals-heading">
        <h2 id="approvals-heading">Waiting for approval</h2>
        <ApprovalQueue approvals={approvals.data} nameOf={nameOf} timeZone={timeZone} />
      </section>
    </Page>
  );
}
