import type { ChecklistItem, Chore } from "@chorus/shared";
import { useTranslation } from "react-i18next";

export interface ChoreChecklistProps {
  chore: Chore;
  /** Null when the viewer may not tick: the items are shown, not offered. */
  onToggle: ((item: ChecklistItem, ticked: boolean) => void) | null;
  disabled: boolean;
  /** The tablet shows the list open, in large rows; the task list folds it under its progress. */
  variant: "card" | "tablet";
}

/** "2/5 ticked", counted for the chore's current occurrence (decision 0032). */
export function checklistProgress(chore: Chore): string {
  return `${chore.checklist.filter(({ tick }) => tick !== null).length}/${chore.checklist.length}`;
}

/** A chore's checklist with its progress: each item a checkbox ticked for the occurrence on screen. */
export function ChoreChecklist({ chore, onToggle, disabled, variant }: ChoreChecklistProps) {
  const { t } = useTranslation("chores");
  if (chore.checklist.length === 0) return null;
  const summary = (
    <>
      {t("checklist.title")} <span className="checklist__count">{checklistProgress(chore)}</span>
      {chore.checklistRequired && <span className="muted">{t("checklist.allBeforeDone")}</span>}
    </>
  );
  const items = (
    <ul className="checklist__items">
      {chore.checklist.map((item) => (
        <li key={item.id}>
          <label className={`checkbox checklist__item checklist__item--${variant}`}>
            <input
              type="checkbox"
              checked={item.tick !== null}
              disabled={disabled || onToggle === null}
              onChange={(event) => onToggle?.(item, event.target.checked)}
            />
            <span>{item.text}</span>
          </label>
        </li>
      ))}
    </ul>
  );
  if (variant === "tablet") {
    return (
      <div className="checklist checklist--tablet" role="group" aria-label={t("checklist.groupLabel", { name: chore.name })}>
        <p className="checklist__summary">{summary}</p>
        {items}
      </div>
    );
  }
  return (
    <details className="checklist">
      <summary
        className="checklist__summary"
        aria-label={t("checklist.summaryLabel", { progress: checklistProgress(chore), name: chore.name })}
      >
        {summary}
      </summary>
      {items}
    </details>
  );
}
