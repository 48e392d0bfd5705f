import type { JoinRequest } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
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
  const { t } = useTranslation("circle");
  if (requests.isError)
    return <ErrorAlert title={t("pendingRequests.loadFailed")} error={requests.error} onRetry={() => void requests.refetch()} />;
  if (!requests.data || requests.data.length === 0) return null;
  return (
    <section aria-labelledby="pending-requests-heading" className="pending-requests">
      <h3 id="pending-requests-heading">{t("pendingRequests.heading")}</h3>
      <p className="muted">
        {currentCircleName ? t("pendingRequests.aboutStaying", { circle: currentCircleName }) : t("pendingRequests.aboutUpdating")}
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
  const { t } = useTranslation("circle");
  const circle = request.circleName;
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{request.circleName}</strong>
        <span className="muted">
          <Trans
            t={t}
            i18nKey="pendingRequests.requested"
            values={{ when: formatDateTime(request.requestedAt, timeZone) }}
            components={{ time: <time dateTime={request.requestedAt} /> }}
          />
        </span>
      </span>
      <button
        type="button"
        className="button"
        disabled={withdraw.isPending}
        onClick={() => withdraw.mutate(request.circleId, outcome("info", t("pendingRequests.withdrawn", { circle })))}
      >
        {/* Several rows share the visible label; the circle's name tells them apart for screen readers. */}
        <Trans
          t={t}
          i18nKey={withdraw.isPending ? "pendingRequests.withdrawing" : "pendingRequests.withdraw"}
          values={{ circle }}
          components={{ hidden: <span className="visually-hidden" /> }}
        />
      </button>
    </li>
  );
}
