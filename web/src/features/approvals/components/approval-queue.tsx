import type { Approval } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
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
  const { t } = useTranslation("approvals");
  const member = nameOf(approval.userId);
  const self = approval.actorUserId === approval.userId;
  const tablet = approval.viaDeviceId !== null;
  const doneBy = t(
    self ? (tablet ? "summary.doneByOnTablet" : "summary.doneBy") : tablet ? "summary.doneByForOnTablet" : "summary.doneByFor",
    { member, actor: nameOf(approval.actorUserId) },
  );
  return (
    <>
      <p>
        <Link to={`/chores/${approval.chore.id}`}>
          <strong>{approval.chore.name}</strong>
        </Link>{" "}
        {t("summary.points", { count: approval.chore.points })}
      </p>
      <p className="muted">
        {doneBy} · <time dateTime={approval.completedAt}>{formatDateTime(approval.completedAt, timeZone)}</time>
        {approval.dueDate && (
          <>
            {" "}
            <Trans
              t={t}
              i18nKey="summary.due"
              values={{ when: formatDateTime(approval.dueDate, timeZone) }}
              components={{ time: <time dateTime={approval.dueDate} /> }}
            />
          </>
        )}
      </p>
      {approval.note && <p className="history__note">“{approval.note}”</p>}
      {approval.photo && <PhotoThumbnail photo={approval.photo} label={t("summary.photo", { member, chore: approval.chore.name })} />}
    </>
  );
}

/** Approve, or reject with a note the member reads. */
function Decide({ approval, nameOf }: ItemProps) {
  const approve = useApprove();
  const reject = useReject();
  const notify = useNotify();
  const { t } = useTranslation("approvals");
  const noteId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState("");
  const member = nameOf(approval.userId);
  const what = t("decide.what", { member, chore: approval.chore.name });
  const busy = approve.isPending || reject.isPending;
  const onError = (error: unknown) => notify("error", errorMessage(error));
  if (rejecting) {
    return (
      <form
        className="approval__decide"
        onSubmit={(event) => {
          event.preventDefault();
          reject.mutate(
            { id: approval.id, note: note.trim() },
            { onSuccess: () => notify("success", t("decide.sentBack", { what })), onError },
          );
        }}
      >
        <label htmlFor={noteId}>{t("decide.leftToDo", { member })}</label>
        <input id={noteId} required maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={busy || note.trim() === ""}>
          <Trans t={t} i18nKey="decide.sendBack" values={{ what }} components={{ hidden: <span className="visually-hidden" /> }} />
        </button>
        <button type="button" className="button" onClick={() => setRejecting(false)}>
          {t("decide.cancel")}
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
        onClick={() => approve.mutate(approval.id, { onSuccess: () => notify("success", t("decide.approved", { what })), onError })}
      >
        <Trans t={t} i18nKey="decide.approve" values={{ what }} components={{ hidden: <span className="visually-hidden" /> }} />
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => setRejecting(true)}>
        <Trans t={t} i18nKey="decide.reject" values={{ what }} components={{ hidden: <span className="visually-hidden" /> }} />
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
  const { t } = useTranslation("approvals");
  if (approvals.length === 0) return <p className="empty">{t("queue.empty")}</p>;
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
                  onSuccess: ({ approvals: approved }) => notify("success", t("queue.allApproved", { count: approved.length })),
                  onError: (error) => notify("error", t("queue.nothingApproved", { error: errorMessage(error) })),
                },
              )
            }
          >
            {t("queue.approveAll", { count: approvals.length })}
          </button>
        </p>
      )}
      <ol className="history approvals" aria-label={t("queue.label")}>
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
