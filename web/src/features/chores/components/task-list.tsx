import type { Chore } from "@chorus/shared";
import { groupChoresByDue } from "../utils/group-chores";
import { ChoreCard } from "./chore-card";

export interface TaskListProps {
  chores: readonly Chore[];
  timeZone: string;
  nameOf: (userId: number | null) => string;
  canActOn: (chore: Chore) => boolean;
  emptyMessage: string;
  now?: Date;
}

/** Tasks grouped overdue / today / upcoming / no due date, in the circle's time zone. */
export function TaskList({ chores, timeZone, nameOf, canActOn, emptyMessage, now }: TaskListProps) {
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
                <ChoreCard chore={chore} group={group.key} timeZone={timeZone} nameOf={nameOf} canAct={canActOn(chore)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
