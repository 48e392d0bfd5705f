import { MAX_CHECKLIST_ITEM_LENGTH, MAX_CHECKLIST_ITEMS } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { errorFor } from "../../../components/form";
import type { FieldErrors } from "../../../lib/field-errors";

/** An item as the form holds it: `id` for one the chore has (it keeps its ticks), `key` for React. */
export interface ChecklistDraftItem {
  key: string;
  id?: number;
  text: string;
}

export interface ChecklistEditorProps {
  items: ChecklistDraftItem[];
  required: boolean;
  errors: FieldErrors;
  onChange: (items: ChecklistDraftItem[]) => void;
  onRequiredChange: (required: boolean) => void;
}

let nextKey = 0;
export const newChecklistKey = () => `new-${++nextKey}`;

function moved<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

/** The chore form's checklist: steps in order, added, removed and moved with buttons (decision 0032). */
export function ChecklistEditor({ items, required, errors, onChange, onRequiredChange }: ChecklistEditorProps) {
  const { t } = useTranslation("chores");
  const listError = errors["checklist"];
  return (
    <fieldset className="fieldset checklist-editor">
      <legend>{t("checklistEditor.legend")}</legend>
      <p className="muted">{t("checklistEditor.hint")}</p>
      {items.length > 0 && (
        <ol className="checklist-editor__items">
          {items.map((item, index) => {
            const number = index + 1;
            const error = errorFor(errors, `checklist.${index}`);
            return (
              <li key={item.key} className="checklist-editor__item">
                <label className="checklist-editor__text">
                  <span className="visually-hidden">{t("checklistEditor.step", { number })}</span>
                  <input
                    name={`checklist.${index}`}
                    value={item.text}
                    maxLength={MAX_CHECKLIST_ITEM_LENGTH}
                    aria-invalid={error ? true : undefined}
                    onChange={(event) => onChange(items.map((other) => (other === item ? { ...other, text: event.target.value } : other)))}
                  />
                </label>
                <span className="checklist-editor__buttons">
                  <button
                    type="button"
                    className="button"
                    aria-label={t("checklistEditor.moveUp", { number })}
                    disabled={index === 0}
                    onClick={() => onChange(moved(items, index, index - 1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={t("checklistEditor.moveDown", { number })}
                    disabled={index === items.length - 1}
                    onClick={() => onChange(moved(items, index, index + 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={t("checklistEditor.remove", { number })}
                    onClick={() => onChange(items.filter((other) => other !== item))}
                  >
                    {t("checklistEditor.removeButton")}
                  </button>
                </span>
                {error && <p className="field__error">{error}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {listError && <p className="field__error">{listError}</p>}
      <button
        type="button"
        className="button"
        disabled={items.length >= MAX_CHECKLIST_ITEMS}
        onClick={() => onChange([...items, { key: newChecklistKey(), text: "" }])}
      >
        {t("checklistEditor.add")}
      </button>
      <label className="checkbox">
        <input type="checkbox" name="checklistRequired" checked={required} onChange={(event) => onRequiredChange(event.target.checked)} />
        <span>{t("checklistEditor.required")}</span>
      </label>
    </fieldset>
  );
}
