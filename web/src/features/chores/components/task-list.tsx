import type { Chore } from "@chorus/shared";
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
  return (
    <div className="task-groups task-skeleton" data-testid="task-list-skeleton">
      <p role="status" className="visually-hidden">
        Loading tasks…
      </p>
      <section className="task-group" aria-hidden="true" inert>
        <h2>
          <span>Today (3)</span>
        </h2>
        <ul className="task-group__list">
          {Array.from({ length: SKELETON_CARDS }, (_, index) => (
            <li key={index}>
              <div className="chore-card">
                <div className="chore-card__header">
                  <h3>
                    <span>Empty the dishwasher</span>
                  </h3>
                </div>
                <p className="chore-card__meta">
                  <span>Due today at 18:00</span>
                  <span>For Alex</span>
                  <span>Every day</span>
                  <span>2 pts</span>
                </p>
                <div className="chore-actions">
                  <div className="chore-actions__buttons">
                    <button type="button" className="button button--primary" disabled>
                      Done
                    </button>
                    <button type="button" className="button" disabled>
                      Skip
                    </button>
                    <button type="button" className="button" disabled>
                      Start
                    </button>
                    <button type="button" className="button button--quiet" disabled>
                      Add note
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
