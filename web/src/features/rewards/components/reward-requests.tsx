import type { RewardRequest } from "@chorus/shared";
import { useId, useState } from "react";
import { useNotify } from "../../../components/notices";
import { formatDateTime } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { useDecideRewardRequest, type RewardDecision } from "../api/rewards";
import { STATUS_LABELS } from "../utils/status";

const DONE_WORDS: Record<RewardDecision, string> = { approve: "approved", decline: "declined", refund: "refunded" };

/** Approve / Decline on a pending request, Refund on an approved one, with an optional note. */
function Decide({ request, memberName }: { request: RewardRequest; memberName: string }) {
  const decide = useDecideRewardRequest();
  const notify = useNotify();
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
          notify("success", `${memberName}’s “${request.reward.name}” ${DONE_WORDS[decision]}.`);
        },
        onError: (error) => notify("error", errorMessage(error)),
      },
    );
  return (
    <div className="reward-request__decide">
      <label htmlFor={noteId} className="visually-hidden">
        Note to {memberName} about {request.reward.name}
      </label>
      <input id={noteId} placeholder="Note (optional)" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
      {decisions.map((decision) => (
        <button
          key={decision}
          type="button"
          className={decision === "approve" ? "button button--primary" : "button"}
          disabled={decide.isPending}
          onClick={() => send(decision)}
        >
          {decision === "approve" ? "Approve" : decision === "decline" ? "Decline" : "Refund"}
          <span className="visually-hidden">
            {" "}
            {request.reward.name} for {memberName}
          </span>
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
  if (requests.length === 0) return <p className="empty">No requests.</p>;
  return (
    <ol className="history reward-requests" aria-label={label}>
      {requests.map((request) => {
        const memberName = nameOf(request.userId);
        const askedBy = request.actorUserId === request.userId ? memberName : `${nameOf(request.actorUserId)} for ${memberName}`;
        return (
          <li key={request.id} className="history__entry">
            <p>
              <strong>{request.reward.name}</strong> · {request.cost} points ·{" "}
              <span className={`reward-request__status reward-request__status--${request.status}`}>{STATUS_LABELS[request.status]}</span>
            </p>
            <p className="muted">
              Asked by {askedBy}
              {request.viaDeviceId !== null && " via a shared tablet"} ·{" "}
              <time dateTime={request.createdAt}>{formatDateTime(request.createdAt, timeZone)}</time>
              {request.decidedBy !== null && request.decidedAt && (
                <>
                  {" "}
                  · {STATUS_LABELS[request.status].toLowerCase()} by {nameOf(request.decidedBy)}
                </>
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
