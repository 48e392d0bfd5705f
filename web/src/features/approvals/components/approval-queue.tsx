import type { Approval } from "@chorus/shared";
import { useId, useState } from "react";
import { Link } from "react-router";
import { useNotify } from "../../../components/notices";
import { formatDateTime } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { PhotoThumbnail } from "../../photos/components/photo-thumbnail";
import { useApprove, useApproveAll, useReject } from "../api/approvals";

interface ItemProps {
  approval: Approval;
  nameOf: (userId: number) => string;
  timeZone: string;
}

/** What the queue shows of one completion: who did what, when, their note and their photo. */
function ApprovalSummary({ approval, nameOf, timeZone }: ItemProps) {
  const member = nameOf(approval.userId);
  const doneBy = approval.actorUserId === approval.userId ? member : `${nameOf(approval.actorUserId)} for ${member}`;
  return (
    <>
      <p>
        <Link to={`/chores/${approval.chore.id}`}>
          <strong>{approval.chore.name}</strong>
        </Link>{" "}
        · {approval.chore.points} {approval.chore.points === 1 ? "point" : "points"}
      </p>
      <p className="muted">
        Done by {doneBy}
        {approval.viaDeviceId !== null && " on a tablet"} ·{" "}
        <time dateTime={approval.completedAt}>{formatDateTime(approval.completedAt, timeZone)}</time>
        {approval.dueDate && (
          <>
            {" "}
            · due <time dateTime={approval.dueDate}>{formatDateTime(approval.dueDate, timeZone)}</time>
          </>
        )}
      </p>
      {approval.note && <p className="history__note">“{approval.note}”</p>}
      {approval.photo && <PhotoThumbnail photo={approval.photo} label={`${member}'s photo of ${approval.chore.name}`} />}
    </>
  );
}

/** Approve, or reject with a note the member reads. */
function Decide({ approval, nameOf }: ItemProps) {
  const approve = useApprove();
  const reject = useReject();
  const notify = useNotify();
  const noteId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState("");
  const member = nameOf(approval.userId);
  const what = `${member}’s “${approval.chore.name}”`;
  const busy = approve.isPending || reject.isPending;
  const onError = (error: unknown) => notify("error", errorMessage(error));
  if (rejecting) {
    return (
      <form
        className="approval__decide"
        onSubmit={(event) => {
          event.preventDefault();
          reject.mutate({ id: approval.id, note: note.trim() }, { onSuccess: () => notify("success", `${what} sent back.`), onError });
        }}
      >
        <label htmlFor={noteId}>What is left to do? ({member} reads this)</label>
        <input id={noteId} required maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={busy || note.trim() === ""}>
          Send back<span className="visually-hidden"> {what}</span>
        </button>
        <button type="button" className="button" onClick={() => setRejecting(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="approval__decide">
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => approve.mutate(approval.id, { onSuccess: () => notify("success", `${what} approved.`), onError })}
      >
        Approve<span className="visually-hidden"> {what}</span>
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => setRejecting(true)}>
        Reject…<span className="visually-hidden"> {what}</span>
      </button>
    </div>
  );
}

/** The pending queue (decision 0027), with Approve all for exactly the items shown. */
export function ApprovalQueue({
  approvals,
  nameOf,
  timeZone,
}: {
  approvals: readonly Approval[];
  nameOf: (userId: number) => string;
  timeZone: string;
}) {
  const approveAll = useApproveAll();
  const notify = useNotify();
  if (approvals.length === 0) return <p className="empty">Nothing is waiting for approval.</p>;
  return (
    <>
      {approvals.length > 1 && (
        <p>
          <button
            type="button"
            className="button button--primary"
            disabled={approveAll.isPending}
            onClick={() =>
              approveAll.mutate(
                approvals.map((approval) => approval.id),
                {
                  onSuccess: ({ approvals: approved }) => notify("success", `${approved.length} completions approved.`),
                  onError: (error) => notify("error", `Nothing was approved: ${errorMessage(error)}`),
                },
              )
            }
          >
            Approve all {approvals.length}
          </button>
        </p>
      )}
      <ol className="history approvals" aria-label="Waiting for approval">
        {approvals.map((approval) => (
          <li key={approval.id} className="history__entry approval">
            <ApprovalSummary approval={approval} nameOf={nameOf} timeZone={timeZone} />
            <Decide approval={approval} nameOf={nameOf} timeZone={timeZone} />
          </li>
        ))}
      </ol>
    </>
  );
}
