import type { JoinRequest } from "@chorus/shared";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useJoinRequests } from "../api/get-join-requests";
import { useWithdrawJoinRequest } from "../api/withdraw-join-request";

/**
 * The signed-in user's own requests to join circles, each withdrawable until someone
 * there accepts it. Renders nothing while there are none.
 */
export function PendingJoinRequests({ timeZone, currentCircleName }: { timeZone: string; currentCircleName: string | null }) {
  const requests = useJoinRequests();
  if (requests.isError)
    return <ErrorAlert title="Could not load your join requests." error={requests.error} onRetry={() => void requests.refetch()} />;
  if (!requests.data || requests.data.length === 0) return null;
  return (
    <section aria-labelledby="pending-requests-heading" className="pending-requests">
      <h3 id="pending-requests-heading">Waiting for acceptance</h3>
      <p className="muted">
        An admin or manager of the circle has to accept your request
        {currentCircleName ? `; until then you stay in ${currentCircleName}.` : "; this page updates once you are in."}
      </p>
      <ul className="member-list">
        {requests.data.map((request) => (
          <JoinRequestRow key={request.circleId} request={request} timeZone={timeZone} />
        ))}
      </ul>
    </section>
  );
}

function JoinRequestRow({ request, timeZone }: { request: JoinRequest; timeZone: string }) {
  const withdraw = useWithdrawJoinRequest();
  const outcome = useNotifyOutcome();
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{request.circleName}</strong>
        <span className="muted">
          Requested <time dateTime={request.requestedAt}>{formatDateTime(request.requestedAt, timeZone)}</time>
        </span>
      </span>
      <button
        type="button"
        className="button"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate(request.circleId, outcome("info", `Your request to join ${request.circleName} was withdrawn.`))}
      >
        {withdraw.isPending ? "Withdrawing…" : "Withdraw request"}
        {/* Several rows share the visible label; the circle's name tells them apart for screen readers. */}
        <span className="visually-hidden"> to {request.circleName}</span>
      </button>
    </li>
  );
}
