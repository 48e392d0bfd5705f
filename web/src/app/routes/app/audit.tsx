import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { AuditLog } from "../../../features/audit/components/audit-log";
import { useChoreNames } from "../../../features/chores/api/get-chores";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMemberNames, useMembers } from "../../../features/circle/api/get-members";
import { OwnSessionOnly } from "./viewer";

export function AuditRoute() {
  return (
    <OwnSessionOnly title="Audit log" adminOnly>
      <Audit />
    </OwnSessionOnly>
  );
}

function Audit() {
  const circle = useCircle();
  const members = useMembers();
  const nameOf = useMemberNames();
  // Names only label the "On" column, so the log shows at once and ids stand in until they load.
  const choreNameOf = useChoreNames();
  if (circle.isPending || members.isPending) return <Loading />;
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />;
  return (
    <Page title="Audit log">
      <p className="muted">Every change in the circle, with the real person who made it and whom they acted as.</p>
      <AuditLog members={members.data} nameOf={nameOf} choreNameOf={choreNameOf} timeZone={circle.data.timezone} />
    </Page>
  );
}
