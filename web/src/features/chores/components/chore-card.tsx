import type { Chore } from "@chorus/shared";
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
  return (
    <article className={`chore-card chore-card--${awayText ? "away" : group}`} aria-labelledby={`chore-${chore.id}-name`}>
      <header className="chore-card__header">
        <h3 id={`chore-${chore.id}-name`}>
          <Link to={`/chores/${chore.id}`}>{chore.name}</Link>
        </h3>
        {chore.priority > 0 && (
          <span className={`badge badge--priority-${chore.priority}`}>{PRIORITY_LABELS[chore.priority]} priority</span>
        )}
      </header>
      <p className="chore-card__meta">
        <span>{awayText ?? dueText(chore, group, timeZone)}</span>
        <span>{forText(chore, nameOf)}</span>
        <span>{describeFrequency(chore.frequency)}</span>
        {chore.activeMonths && chore.frequency.type !== "once" && <span>{describeSeason(chore.activeMonths)}</span>}
        {chore.points > 0 && <span>{chore.points} pts</span>}
        {chore.penalty && <span>Mandatory: −{chore.penalty.points} if missed</span>}
        {chore.isPrivate && <span>Private</span>}
        {chore.photoRequired && <span>Photo needed</span>}
        {chore.needsApproval && <span>Needs approval</span>}
        <ChoreTimer chore={chore} />
      </p>
      {chore.labels.length > 0 && (
        <ul className="labels" aria-label="Labels">
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
function forText(chore: Chore, nameOf: (userId: number | null) => string): string {
  if (chore.assignmentMode === "everyone") return "For everyone";
  if (chore.assignmentMode === "anyone") return "For anyone";
  return `For ${nameOf(chore.assignedTo)}`;
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

function dueText(chore: Chore, group: DueGroupKey, timeZone: string): string {
  if (chore.archived) return "Archived";
  if (chore.finishedAt !== null) return `Done ${formatDateTime(chore.finishedAt, timeZone)}`;
  if (chore.nextDueDate === null) return "No due date";
  switch (group) {
    case "overdue":
      return `Overdue since ${formatDateTime(chore.nextDueDate, timeZone)}`;
    case "today":
      return `Due today at ${formatTime(chore.nextDueDate, timeZone)}`;
    default:
      return `Due ${formatDateTime(chore.nextDueDate, timeZone)}`;
  }
}
