import type { HistoryEntry } from "@chorus/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/dates";
import { PhotoThumbnail } from "../../photos/components/photo-thumbnail";
import { HISTORY_ACTION_LABELS } from "../utils/describe-chore";

/**
 * "Done via Kitchen tablet for Alex" from a shared tablet; "Done by Sam for Alex" when
 * someone acted for another member; "Done by Alex" otherwise.
 */
function describeHistoryEntry(t: TFunction<"chores">, entry: HistoryEntry, nameOf: (userId: number) => string): string {
  const action = HISTORY_ACTION_LABELS[entry.action];
  const member = nameOf(entry.performedAs);
  // Nobody did a miss: it is the member's who had the chore then (decision 0031).
  if (entry.action === "missed") return t("history.by", { action, name: member });
  if (entry.viaDevice) return t("history.viaFor", { action, device: entry.viaDevice.name, member });
  const name = nameOf(entry.updatedBy);
  return entry.updatedBy === entry.performedAs ? t("history.by", { action, name }) : t("history.byFor", { action, name, member });
}

export function ChoreHistory({
  entries,
  nameOf,
  timeZone,
}: {
  entries: readonly HistoryEntry[];
  nameOf: (userId: number) => string;
  timeZone: string;
}) {
  const { t } = useTranslation("chores");
  if (entries.length === 0) return <p className="empty">{t("history.empty")}</p>;
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
  return (
    <ol className="history">
      {newestFirst.map((entry) => (
        <li key={entry.id} className={`history__entry history__entry--${entry.action}`}>
          <p>
            <strong>{describeHistoryEntry(t, entry, nameOf)}</strong>
            {entry.action === "completed" && entry.points > 0 && (
              <span className="muted">{t("history.points", { points: entry.points })}</span>
            )}
            {entry.approvedBy !== null && <span className="muted">{t("history.approvedBy", { name: nameOf(entry.approvedBy) })}</span>}
          </p>
          <p className="muted">
            <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, timeZone)}</time>
            {entry.dueDate && t("history.forOccurrence", { date: formatDateTime(entry.dueDate, timeZone) })}
          </p>
          {entry.note && <p className="history__note">“{entry.note}”</p>}
          {entry.photo && (
            <PhotoThumbnail
              photo={entry.photo}
              label={t("history.photo", { name: nameOf(entry.performedAs), date: formatDateTime(entry.createdAt, timeZone) })}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
