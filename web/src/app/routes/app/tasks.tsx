import { isAdminOrManager } from "@chorus/shared";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert } from "../../../components/status";
import { AwayNotice, awayTextFor } from "../../../features/away/components/away-notice";
import { useAwayPeriods } from "../../../features/away/api/away-periods";
import { useChores, type ChoreListView } from "../../../features/chores/api/get-chores";
import { TaskList, TaskListSkeleton } from "../../../features/chores/components/task-list";
import { useCircle } from "../../../features/circle/api/get-circle";
import { useMemberNames, useMembers } from "../../../features/circle/api/get-members";
import { FirstRunChecklist } from "../../../features/circle/components/first-run-checklist";
import { ViewAsPanel } from "../../../features/impersonation/components/view-as-panel";
import { useViewer } from "./viewer";

export function TasksRoute() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const [searchParams, setSearchParams] = useSearchParams();
  // While viewing as someone the server shows only their tasks, so there is no "All".
  const requested = searchParams.get("view");
  const view: ChoreListView = !viewer.impersonating && (requested === "all" || requested === "archived") ? requested : "mine";
  const chores = useChores(view);
  const circle = useCircle();
  const members = useMembers();
  const nameOf = useMemberNames();
  const away = useAwayPeriods().data ?? [];

  const title = viewer.impersonating ? t("tasks.titleActing", { name: viewer.acting.displayName }) : t(`tasks.views.${view}`);
  const pointsOf = t("tasks.pointsOf", { name: viewer.acting.displayName });
  const selfMember = members.data?.find((member) => member.userId === viewer.self.id);
  // The panel and the admin's checklist sit above the list and need the members (and the
  // checklist all the circle's chores, its own query): on the first load they, the list and
  // the tabs appear together where the skeleton stood, so nothing already drawn moves
  // (layout shift, issue 15). Later loads (another view) keep them.
  const waitsForMembers = !viewer.impersonating && isAdminOrManager(viewer.self.role);
  const waitsForChecklist = !viewer.impersonating && viewer.self.role === "admin";
  const checklistChores = useChores("all", waitsForChecklist);
  // The list is the page's largest render: deferred, React draws it in short slices
  // between other work instead of one long task (total blocking time, issue 15).
  const listChores = useDeferredValue(chores.data);
  const listPending = listChores === undefined && !chores.isError;
  const [firstLoadDone, setFirstLoadDone] = useState(false);
  // Loading, not pending: offline, a query the device kept nothing for waits paused, and the list must not wait for it (decision 0043).
  const everythingArrived =
    !listPending && !circle.isPending && !(waitsForMembers && members.isLoading) && !(waitsForChecklist && checklistChores.isLoading);
  // Remembered once: a later refetch or another view must not bring the skeleton back.
  if (everythingArrived && !firstLoadDone) setFirstLoadDone(true);
  const loaded = firstLoadDone || everythingArrived;
  const showAboveList = loaded || !waitsForMembers;
  const viewAsPanel = showAboveList && isAdminOrManager(viewer.self.role) && members.data && circle.data && (
    <ViewAsPanel
      caller={{ userId: viewer.self.id, role: viewer.self.role, impersonator: selfMember?.impersonator ?? false }}
      members={members.data}
      impersonationEnabled={circle.data.impersonationEnabled}
    />
  );

  return (
    <Page
      title={title}
      actions={
        <>
          {/* The calendar is a view of these tasks, so it is reached from here: the phone header has no room (decision 0036). */}
          <Link to="/calendar" className="button">
            {t("tasks.calendar")}
          </Link>
          {viewer.impersonating ? (
            // On a phone the banner already names Alex: "Points" keeps the actions beside the title.
            <Link to={`/points/${viewer.acting.id}`} className="button" aria-label={pointsOf}>
              <span className="wide-only">{pointsOf}</span>
              <span className="narrow-only">{t("tasks.points")}</span>
            </Link>
          ) : (
            <Link to={`/points/${viewer.acting.id}`} className="button">
              {t("tasks.myPoints")}
            </Link>
          )}
          {!viewer.impersonating && (
            <Link to="/chores/new" className="button button--primary">
              {t("tasks.newChore")}
            </Link>
          )}
        </>
      }
    >
      {showAboveList && !viewer.impersonating && viewer.self.role === "admin" && members.data && circle.data && (
        <FirstRunChecklist circle={circle.data} members={members.data} selfId={viewer.self.id} />
      )}
      {!viewer.impersonating && viewAsPanel}
      {showAboveList && !viewer.impersonating && (
        <div className="segmented" role="group" aria-label={t("tasks.whichTasks")}>
          {(["mine", "all", "archived"] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={view === option}
              onClick={() => setSearchParams(option === "mine" ? {} : { view: option }, { replace: true })}
            >
              {t(`tasks.views.${option}`)}
            </button>
          ))}
        </div>
      )}
      {listPending || circle.isPending || !loaded ? (
        <TaskListSkeleton />
      ) : chores.isError ? (
        <ErrorAlert title={t("tasks.loadFailed")} error={chores.error} onRetry={() => void chores.refetch()} />
      ) : circle.isError ? (
        <ErrorAlert title={t("tasks.circleFailed")} error={circle.error} onRetry={() => void circle.refetch()} />
      ) : (
        <>
          <TaskList
            chores={listChores!}
            timeZone={circle.data.timezone}
            nameOf={nameOf}
            emptyMessage={t(`tasks.empty.${view}`)}
            awayText={(chore) => awayTextFor(away, chore)}
          />
          {/* Under the list: arriving after it, it moves nothing already drawn. */}
          <AwayNotice periods={away} />
        </>
      )}
      {/* While acting, the banner says who and holds Exit: the member's tasks come first. */}
      {viewer.impersonating && viewAsPanel}
    </Page>
  );
}
