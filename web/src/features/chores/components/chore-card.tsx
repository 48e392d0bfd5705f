import type { Chore } from "@chorus/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime, formatTime } from "../../../lib/dates";
import { PRIORITY_LABELS, describeFrequency, describeSeason } from "../utils/describe-chore";
import type { DueGroupKey } from "../utils/group-chores";
import { ApprovalNotice, isAwaitingApproval } from "./approval-notice";
import { ChoreActions } from "./chore-actions";
import { ChoreTimer } from "./chore-timer";
import { ChoreChecklist } from "./chore-checklist";
import { useTickChecklistItem } from "../api/tick-checklist-item";
import { useNotify } from "../../../components/notices";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { ChoreSharedStatus } from "./shared-status";

export interface ChoreCardProps {
  chore: Chore;
  group: DueGroupKey;
  timeZone: string;
  nameOf: (userId: number | null) => string;
  /** Shown instead of due or overdue while the assignee is away (decision 0034). */
  awayText?: string | null;
}

export function ChoreCard({ chore, group, timeZone, nameOf, awayText = null }: ChoreCardProps) {
  const { t } = useTranslation("chores");
  return (
    <article className={`chore-card chore-card--${awayText ? "away" : group}`} aria-labelledby={`chore-${chore.id}-name`}>
      <header className="chore-card__header">
        <h3 id={`chore-${chore.id}-name`}>
          <Link to={`/chores/${chore.id}`}>{chore.name}</Link>
        </h3>
        {chore.priority > 0 && (
          <span className={`badge badge--priority-${chore.priority}`}>
            {t("card.priority", { priority: PRIORITY_LABELS[chore.priority] })}
          </span>
        )}
      </header>
      <p className="chore-card__meta">
        <span>{awayText ?? dueText(t, chore, group, timeZone)}</span>
        <span>{forText(t, chore, nameOf)}</span>
        <span>{describeFrequency(chore.frequency)}</span>
        {chore.activeMonths && chore.frequency.type !== "once" && <span>{describeSeason(chore.activeMonths)}</span>}
        {chore.points > 0 && <span>{t("card.points", { points: chore.points })}</span>}
        {chore.penalty && <span>{t("card.mandatory", { points: chore.penalty.points })}</span>}
        {chore.isPrivate && <span>{t("card.private")}</span>}
        {chore.photoRequired && <span>{t("card.photoNeeded")}</span>}
        {chore.needsApproval && <span>{t("card.needsApproval")}</span>}
        <ChoreTimer chore={chore} />
      </p>
      {chore.labels.length > 0 && (
        <ul className="labels" aria-label={t("card.labels")}>
          {chore.labels.map((label) => (
            <li key={label} className="label">
              {label}
            </li>
          ))}
        </ul>
      )}
      <ChoreSharedStatus chore={chore} nameOf={nameOf} />
      <CardChecklist chore={chore} />
      <ApprovalNotice chore={chore} timeZone={timeZone} nameOf={nameOf} />
      {chore.abilities.canAct && chore.finishedAt === null && !chore.archived && !isAwaitingApproval(chore) && (
        <ChoreActions chore={chore} timeZone={timeZone} />
      )}
    </article>
  );
}

/** Who a chore is for: its current assignee, or how it is shared (decision 0035). */
function forText(t: TFunction<"chores">, chore: Chore, nameOf: (userId: number | null) => string): string {
  if (chore.assignmentMode === "everyone") return t("card.forEveryone");
  if (chore.assignmentMode === "anyone") return t("card.forAnyone");
  return t("card.forMember", { name: nameOf(chore.assignedTo) });
}

/** The checklist under its progress; tickable by those who may act on the chore, while it is open. */
function CardChecklist({ chore }: { chore: Chore }) {
  const tick = useTickChecklistItem();
  const notify = useNotify();
  const open = chore.abilities.canAct && chore.finishedAt === null && !chore.archived && !isAwaitingApproval(chore);
  return (
    <ChoreChecklist
      chore={chore}
      variant="card"
      disabled={tick.isPending}
      onToggle={
        open
          ? (item, ticked) =>
              tick.mutate(
                { chore, item, ticked },
                {
                  // A view-only session's refusal is told once for the whole page, by the impersonation guard.
                  onError: (failure) => {
                    if (!hasErrorCode(failure, "impersonation_read_only")) notify("error", errorMessage(failure));
                  },
                },
              )
          : null
      }
    />
  );
}

function dueText(t: TFunction<"chores">, chore: Chore, group: DueGroupKey, timeZone: string): string {
  if (chore.archived) return t("card.archived");
  if (chore.finishedAt !== null) return t("card.doneAt", { date: formatDateTime(chore.finishedAt, timeZone) });
  if (chore.nextDueDate === null) return t("card.noDueDate");
  switch (group) {
    case "overdue":
      return t("card.overdueSince", { date: formatDateTime(chore.nextDueDate, timeZone) });
    case "today":
      return t("card.dueTodayAt", { time: formatTime(chore.nextDueDate, timeZone) });
    default:
      return t("card.due", { date: formatDateTime(chore.nextDueDate, timeZone) });
  }
}
