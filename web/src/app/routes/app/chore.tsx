import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("app");
  const navigate = useNavigate();
  const chore = useChore(choreId);
  const history = useChoreHistory(choreId);
  const circle = useCircle();
  const nameOf = useMemberNames();

  if (chore.isPending || circle.isPending) return <Loading label={t("chore.loading")} />;
  if (chore.isError) {
    return (
      <Page title={t("chore.title")}>
        <ErrorAlert error={chore.error} onRetry={() => void chore.refetch()} />
        <Link to="/">{t("shared.backToTasks")}</Link>
      </Page>
    );
  }
  if (circle.isError) return <ErrorAlert error={circle.error} onRetry={() => void circle.refetch()} />;

  const data = chore.data;
  const timeZone = circle.data.timezone;
  const { canAct, canEdit, canDelete } = data.abilities;
  const stateKey =
    data.finishedAt !== null ? "done" : data.status === "in_progress" || data.status === "paused" ? data.status : "not_started";
  const state = t(`chore.states.${stateKey}`);

  return (
    <Page
      title={data.name}
      actions={
        canEdit && (
          <Link to={`/chores/${data.id}/edit`} className="button">
            {t("chore.edit")}
          </Link>
        )
      }
    >
      <section className="card" aria-label={t("chore.details")}>
        {data.description && <p className="chore-description">{data.description}</p>}
        <dl className="details">
          <dt>{t("chore.due")}</dt>
          <dd>{data.nextDueDate ? formatDateTime(data.nextDueDate, timeZone) : t("chore.noDueDate")}</dd>
          <dt>{t("chore.repeats")}</dt>
          <dd>
            {describeFrequency(data.frequency)}
            {data.frequency.type !== "once" && ` · ${SCHEDULE_MODE_LABELS[data.scheduleMode]}`}
          </dd>
          {data.activeMonths && data.frequency.type !== "once" && (
            <>
              <dt>{t("chore.season")}</dt>
              <dd>{t("chore.seasonValue", { season: describeSeason(data.activeMonths) })}</dd>
            </>
          )}
          {data.assignmentMode === "rotation" ? (
            <>
              <dt>{t("chore.assignedTo")}</dt>
              <dd>{nameOf(data.assignedTo)}</dd>
            </>
          ) : (
            <>
              <dt>{t("chore.shared")}</dt>
              <dd>{ASSIGNMENT_MODE_LABELS[data.assignmentMode]}</dd>
            </>
          )}
          <dt>{t("chore.assignees")}</dt>
          <dd>{data.assignees.length > 0 ? data.assignees.map(nameOf).join(", ") : t("chore.nobody")}</dd>
          {data.assignmentMode === "rotation" && (
            <>
              <dt>{t("chore.nextAssignee")}</dt>
              <dd>{STRATEGY_LABELS[data.assignmentStrategy]}</dd>
            </>
          )}
          {data.onlyAssigneeCompletes && (
            <>
              <dt>{t("chore.whoCompletes")}</dt>
              <dd>{data.assignmentMode === "anyone" ? t("chore.onlyClaimer") : t("chore.onlyAssignee")}</dd>
            </>
          )}
          <dt>{t("chore.points")}</dt>
          <dd>{data.points}</dd>
          {data.frequency.type !== "once" || data.completionWindowMinutes !== null ? (
            <>
              <dt>{t("chore.doneWithin")}</dt>
              <dd>{describeCompletionWindow(data.completionWindowMinutes)}</dd>
            </>
          ) : null}
          {data.penalty && (
            <>
              <dt>{t("chore.mandatory")}</dt>
              <dd>{describePenalty(data.penalty)}</dd>
            </>
          )}
          <dt>{t("chore.priority")}</dt>
          <dd>{PRIORITY_LABELS[data.priority] ?? data.priority}</dd>
          {data.labels.length > 0 && (
            <>
              <dt>{t("chore.labels")}</dt>
              <dd>{data.labels.join(", ")}</dd>
            </>
          )}
          <dt>{t("chore.status")}</dt>
          <dd>
            {data.archived ? t("chore.archivedState", { state }) : state} <ChoreTimer chore={data} />
          </dd>
          {data.isPrivate && (
            <>
              <dt>{t("chore.visibility")}</dt>
              <dd>{t("chore.private")}</dd>
            </>
          )}
          {data.photoRequired && (
            <>
              <dt>{t("chore.photoProof")}</dt>
              <dd>{t("chore.photoRequired")}</dd>
            </>
          )}
          {data.needsApproval && (
            <>
              <dt>{t("chore.approval")}</dt>
              <dd>{t("chore.needsApproval")}</dd>
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
        <h2 id="history-heading">{t("shared.history")}</h2>
        {history.isPending ? (
          <Loading label={t("chore.loadingHistory")} />
        ) : history.isError ? (
          <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <>
            <ChoreHistory entries={history.data} nameOf={nameOf} timeZone={timeZone} />
            {history.hasNextPage && (
              <button type="button" className="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
                {history.isFetchingNextPage ? t("chore.loadingOlder") : t("shared.showOlder")}
              </button>
            )}
          </>
        )}
      </section>
      <p>
        <Link to="/">{t("shared.backToTasks")}</Link>
      </p>
    </Page>
  );
}
