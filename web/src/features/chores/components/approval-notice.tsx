import type { Chore } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/dates";

/** Whether the chore's current occurrence waits for approval: it then offers no Done or Skip (decision 0027). */
export const isAwaitingApproval = (chore: Chore) => chore.approval?.status === "pending";

/** "Waiting for approval", or the note of the last rejection, which the member should read before doing it again. */
export function ApprovalNotice({ chore, timeZone, nameOf }: { chore: Chore; timeZone: string; nameOf: (userId: number) => string }) {
  const { t } = useTranslation("chores");
  const approval = chore.approval;
  if (approval === null) return null;
  if (approval.status === "pending") {
    return <p className="approval-notice approval-notice--pending">{t("approval.waiting")}</p>;
  }
  return (
    <p className="approval-notice approval-notice--rejected">
      <Trans
        t={t}
        i18nKey="approval.rejected"
        values={{ name: nameOf(approval.rejectedBy), date: formatDateTime(approval.rejectedAt, timeZone), note: approval.note }}
        components={{ time: <time dateTime={approval.rejectedAt} /> }}
      />
    </p>
  );
}
