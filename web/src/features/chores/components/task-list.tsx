import type { Chore } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { groupChoresByDue } from "../utils/group-chores";
import { ChoreCard } from "./chore-card";

export interface TaskListProps {
  chores: readonly Chore[];
  timeZone: string;
  nameOf: (userId: number | null) => string;
  emptyMessage: string;
  now?: Date;
  /** "Away until …" for a chore whose occurrence falls in its assignee's away days or a circle pause (decision 0034). */
  awayText?: (chore: Chore) => string | null;
}

/** Tasks grouped overdue / today / upcoming / no due date, in the circle's time zone. */
export function TaskList({ chores, timeZone, nameOf, emptyMessage, now, awayText }: TaskListProps) {
  // Group titles are looked up while grouping: the hook re-renders the list when the language changes.
  useTranslation("chores");
  // Grouping reads the clock at each render, which every refetch and live update brings.
  // oxlint-disable-next-line react/purity
  const groups = groupChoresByDue(chores, now ?? new Date(), timeZone);
  if (groups.length === 0) return <p className="empty">{emptyMessage}</p>;
  return (
    <div className="task-groups">
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`} className={`task-group task-group--${group.key}`}>
          <h2 id={`group-${group.key}`}>
            {group.title} <span className="count">({group.chores.length})</span>
          </h2>
          <ul className="task-group__list">
            {group.chores.map((chore) => (
              <li key={chore.id}>
                <ChoreCard chore={chore} group={group.key} timeZone={timeZone} nameOf={nameOf} awayText={awayText?.(chore) ?? null} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Placeholder cards: enough to fill a phone's screen, so nothing in view moves when the list arrives. */
const SKELETON_CARDS = 3;

/**
 * Stands where the list will be while it loads: a group of cards built from the cards' own
 * markup (title, a typical meta line, the action buttons) with the text hidden, so it has
 * their height on every screen size and the list takes its place without a jump.
 */
export function TaskListSkeleton() {
  const { t } = useTranslation("chores");
  return (
    <div className="task-groups task-skeleton" data-testid="task-list-skeleton">
      <p role="status" className="visually-hidden">
        {t("taskList.loading")}
      </p>
      <section className="task-group" aria-hidden="true" inert>
        <h2>
          <span>{t("taskList.skeletonGroup")}</span>
        </h2>
        <ul className="task-group__list">
          {Array.from({ length: SKELETON_CARDS }, (_, index) => (
            <li key={index}>
              <div className="chore-card">
                <div className="chore-card__header">
                  <h3>
                    <span>{t("taskList.skeletonName")}</span>
                  </h3>
                </div>
                <p className="chore-card__meta">
                  <span>{t("taskList.skeletonDue")}</span>
                  <span>{t("taskList.skeletonFor")}</span>
                  <span>{t("taskList.skeletonFrequency")}</span>
                  <span>{t("taskList.skeletonPoints")}</span>
                </p>
                <div className="chore-actions">
                  <div className="chore-actions__buttons">
                    <button type="button" className="button button--primary" disabled>
                      {t("actions.done")}
                    </button>
                    <button type="button" className="button" disabled>
                      {t("actions.skip")}
                    </button>
                    <button type="button" className="button" disabled>
                      {t("actions.start")}
                    </button>
                    <button type="button" className="button button--quiet" disabled>
                      {t("actions.addNote")}
                    </button>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
