import type { RewardRequest } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { useId, useState } from "react";
import { useNotify } from "../../../components/notices";
import { formatDateTime } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { useDecideRewardRequest, type RewardDecision } from "../api/rewards";

/** Approve / Decline on a pending request, Refund on an approved one, with an optional note. */
function Decide({ request, memberName }: { request: RewardRequest; memberName: string }) {
  const decide = useDecideRewardRequest();
  const notify = useNotify();
  const { t } = useTranslation("rewards");
  const noteId = useId();
  const [note, setNote] = useState("");
  const decisions: RewardDecision[] =
    request.status === "pending" ? ["approve", "decline"] : request.status === "approved" ? ["refund"] : [];
  if (decisions.length === 0) return null;
  const send = (decision: RewardDecision) =>
    decide.mutate(
      { id: request.id, decision, note: note.trim() },
      {
        onSuccess: () => {
          setNote("");
          notify("success", t(`requests.decided.${decision}`, { member: memberName, reward: request.reward.name }));
        },
        onError: (error) => notify("error", errorMessage(error)),
      },
    );
  return (
    <div className="reward-request__decide">
      <label htmlFor={noteId} className="visually-hidden">
        {t("requests.noteLabel", { member: memberName, reward: request.reward.name })}
      </label>
      <input
        id={noteId}
        placeholder={t("requests.notePlaceholder")}
        maxLength={200}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {decisions.map((decision) => (
        <button
          key={decision}
          type="button"
          className={decision === "approve" ? "button button--primary" : "button"}
          disabled={decide.isPending}
          onClick={() => send(decision)}
        >
          <Trans
            t={t}
            i18nKey={`requests.decision.${decision}`}
            values={{ reward: request.reward.name, member: memberName }}
            components={{ hidden: <span className="visually-hidden" /> }}
          />
        </button>
      ))}
    </div>
  );
}

export function RewardRequests({
  requests,
  nameOf,
  timeZone,
  canDecide,
  label,
}: {
  requests: readonly RewardRequest[];
  nameOf: (userId: number) => string;
  timeZone: string;
  canDecide: boolean;
  label: string;
}) {
  const { t } = useTranslation(["rewards", "points"]);
  if (requests.length === 0) return <p className="empty">{t("requests.empty")}</p>;
  return (
    <ol className="history reward-requests" aria-label={label}>
      {requests.map((request) => {
        const memberName = nameOf(request.userId);
        const self = request.actorUserId === request.userId;
        const tablet = request.viaDeviceId !== null;
        const askedBy = t(
          self
            ? tablet
              ? "requests.askedByViaTablet"
              : "requests.askedBy"
            : tablet
              ? "requests.askedByForViaTablet"
              : "requests.askedByFor",
          { member: memberName, actor: nameOf(request.actorUserId) },
        );
        return (
          <li key={request.id} className="history__entry">
            <p>
              <strong>{request.reward.name}</strong> · {t("points:count", { count: request.cost })} ·{" "}
              <span className={`reward-request__status reward-request__status--${request.status}`}>{t(`status.${request.status}`)}</span>
            </p>
            <p className="muted">
              {askedBy} · <time dateTime={request.createdAt}>{formatDateTime(request.createdAt, timeZone)}</time>
              {request.decidedBy !== null && request.decidedAt && (
                <> · {t(`requests.decidedBy.${request.status}`, { name: nameOf(request.decidedBy) })}</>
              )}
            </p>
            {request.decisionNote && <p className="history__note">“{request.decisionNote}”</p>}
            {canDecide && <Decide request={request} memberName={memberName} />}
          </li>
        );
      })}
    </ol>
  );
}
