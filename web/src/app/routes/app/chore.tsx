import { Link, useNavigate } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useChore } from "../../../features/chores/api/get-chore";
import { useChoreHistory } from "../../../features/chores/api/get-chore-history";
import { ApprovalNotice, isAwaitingApproval } from "../../../features/chores/components/approval-notice";
import { ChoreActions } from "../../../features/chores/components/chore-actions";
import { ChoreSharedStatus } from "../../../features/chores/components/shared-status";
import { ChoreHistory } from "../../../features/chores/components/chore-history";
import { ChoreTimer } from "../../../features/chores/components/chore-timer";
import { ManageChore } from "../../../features/chores/components/manage-chore";
import {
  PRIORITY_LABELS,
  SCHEDULE_MODE_LABELS,
  ASSIGNMENT_MODE_LABELS,
  STRATEGY_LABELS,
  describeFrequency,
  describeCompletionWindow,
  describePenalty,
  describeSeason,
} from "../../../features/chores/utils/describe-chore";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMemberNames } from "../../../features/circle/api/get-members";
import { formatDateTime } from "../../../lib/dates";
import { NotFoundRoute } from "../not-found";
import { useChoreIdParam } from "./chore-id";

export function ChoreRoute() {
  const choreId = useChoreIdParam();
  return choreId === null ? <NotFoundRoute /> : <ChoreDetails choreId={choreId} />;
}

function ChoreDetails({ choreId }: { choreId: number }) {
  const navigate = useNavigate();
  const chore = useChore(choreId);
  const history = useChoreHistory(choreId);
  const circle = useCircle();
  const nameOf = useMemberNames();

  if (chore.isPending || circle.isPending) return <Loading label="Loading chore…" />;
  if (chore.isError) {
    return (
      <Page title="Chore">
        <ErrorAlert error={chore.error} onRetry={() => void chore.refetch()} />
        <Link to="/">Back to tasks</Link>
      </Page>
    );
  }
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;

  const data = chore.data;
  const timeZone = circle.data.timezone;
  const { canAct, canEdit, canDelete } = data.abilities;

  return (
    <Page
      title={data.name}
      actions={
        canEdit && (
          <Link to={`/chores/${data.id}/edit`} className="button">
            Edit
          </Link>
        )
      }
    >
      <section className="card" aria-label="Details">
        {data.description && <p className="chore-description">{data.description}</p>}
        <dl className="details">
          <dt>Due</dt>
          <dd>{data.nextDueDate ? formatDateTime(data.nextDueDate, timeZone) : "No due date"}</dd>
          <dt>Repeats</dt>
          <dd>
            {describeFrequency(data.frequency)}
            {data.frequency.type !== "once" && ` · ${SCHEDULE_MODE_LABELS[data.scheduleMode]}`}
          </dd>
          {data.activeMonths && data.frequency.type !== "once" && (
            <>
              <dt>Season</dt>
              <dd>{describeSeason(data.activeMonths)}, not scheduled in the other months</dd>
            </>
          )}
          {data.assignmentMode === "rotation" ? (
            <>
              <dt>Assigned to</dt>
              <dd>{nameOf(data.assignedTo)}</dd>
            </>
          ) : (
            <>
              <dt>Shared</dt>
              <dd>{ASSIGNMENT_MODE_LABELS[data.assignmentMode]}</dd>
            </>
          )}
          <dt>Assignees</dt>
          <dd>{data.assignees.length > 0 ? data.assignees.map(nameOf).join(", ") : "Nobody"}</dd>
          {data.assignmentMode === "rotation" && (
            <>
              <dt>Next assignee</dt>
              <dd>{STRATEGY_LABELS[data.assignmentStrategy]}</dd>
            </>
          )}
          {data.onlyAssigneeCompletes && (
            <>
              <dt>Who completes</dt>
              <dd>Only {data.assignmentMode === "anyone" ? "whoever claimed it" : "the current assignee"}</dd>
            </>
          )}
          <dt>Points</dt>
          <dd>{data.points}</dd>
          {data.frequency.type !== "once" || data.completionWindowMinutes !== null ? (
            <>
              <dt>Done within</dt>
              <dd>{describeCompletionWindow(data.completionWindowMinutes)}</dd>
            </>
          ) : null}
          {data.penalty && (
            <>
              <dt>Mandatory</dt>
              <dd>{describePenalty(data.penalty)}</dd>
            </>
          )}
          <dt>Priority</dt>
          <dd>{PRIORITY_LABELS[data.priority] ?? data.priority}</dd>
          {data.labels.length > 0 && (
            <>
              <dt>Labels</dt>
              <dd>{data.labels.join(", ")}</dd>
            </>
          )}
          <dt>Status</dt>
          <dd>
            {data.archived ? "Archived · " : ""}
            {data.finishedAt !== null
              ? "Done"
              : data.status === "in_progress"
                ? "In progress"
                : data.status === "paused"
                  ? "Paused"
                  : "Not started"}{" "}
            <ChoreTimer chore={data} />
          </dd>
          {data.isPrivate && (
            <>
              <dt>Visibility</dt>
              <dd>Private</dd>
            </>
          )}
          {data.photoRequired && (
            <>
              <dt>Photo proof</dt>
              <dd>Each completion needs a photo</dd>
            </>
          )}
          {data.needsApproval && (
            <>
              <dt>Approval</dt>
              <dd>A member’s Done waits for an admin or manager</dd>
            </>
          )}
        </dl>
        <ChoreSharedStatus chore={data} nameOf={nameOf} />
        <ApprovalNotice chore={data} timeZone={timeZone} nameOf={nameOf} />
        {canAct && data.finishedAt === null && !data.archived && !isAwaitingApproval(data) && (
          <ChoreActions chore={data} timeZone={timeZone} />
        )}
        <ManageChore chore={data} canArchive={canEdit} canDelete={canDelete} onDeleted={() => void navigate("/", { replace: true })} />
      </section>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.isPending ? (
          <Loading label="Loading history…" />
        ) : history.isError ? (
          <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <>
            <ChoreHistory entries={history.data} nameOf={nameOf} timeZone={timeZone} />
            {history.hasNextPage && (
              <button type="button" className="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
                {history.isFetchingNextPage ? "Loading older entries…" : "Show older entries"}
              </button>
            )}
          </>
        )}
      </section>
      <p>
        <Link to="/">Back to tasks</Link>
      </p>
    </Page>
  );
}
