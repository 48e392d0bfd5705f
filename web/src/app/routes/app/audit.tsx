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
  return (
    <OwnSessionOnly title="Audit log" adminOnly>
      <Audit />
    </OwnSessionOnly>
  );
}

const VIEWS = { events: "Events", sessions: "Sessions" } as const;

function Audit() {
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
    <Page title="Audit log">
      <div className="segmented" role="group" aria-label="Audit view">
        {(["events", "sessions"] as const).map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={view === option}
            onClick={() => setSearchParams(option === "events" ? {} : { view: option }, { replace: true })}
          >
            {VIEWS[option]}
          </button>
        ))}
      </div>
      {view === "sessions" ? (
        <>
          <p className="muted">Each time someone viewed tasks as a member: why, for how long, what they did and what was refused.</p>
          <SessionsReview timeZone={circle.data.timezone} />
        </>
      ) : (
        <>
          <p className="muted">Every change in the circle, with the real person who made it and whom they acted as.</p>
          <AuditLog members={members.data} nameOf={nameOf} choreNameOf={choreNameOf} timeZone={circle.data.timezone} />
        </>
      )}
    </Page>
  );
}
