import type { HistoryEntry } from "@chorus/shared";
import { formatDateTime } from "../../../lib/dates";
import { PhotoThumbnail } from "../../photos/components/photo-thumbnail";
import { HISTORY_ACTION_LABELS } from "../utils/describe-chore";

/**
 * "Done via Kitchen tablet for Alex" from a shared tablet; "Done by Sam for Alex" when
 * someone acted for another member; "Done by Alex" otherwise.
 */
function describeHistoryEntry(entry: HistoryEntry, nameOf: (userId: number) => string): string {
  const action = HISTORY_ACTION_LABELS[entry.action];
  // Nobody did a miss: it is the member's who had the chore then (decision 0031).
  if (entry.action === "missed") return `${action} by ${nameOf(entry.performedAs)}`;
  if (entry.viaDevice) return `${action} via ${entry.viaDevice.name} for ${nameOf(entry.performedAs)}`;
  const by = nameOf(entry.updatedBy);
  return entry.updatedBy === entry.performedAs ? `${action} by ${by}` : `${action} by ${by} for ${nameOf(entry.performedAs)}`;
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
  if (entries.length === 0) return <p className="empty">Nothing has happened to this chore yet.</p>;
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
  return (
    <ol className="history">
      {newestFirst.map((entry) => (
        <li key={entry.id} className={`history__entry history__entry--${entry.action}`}>
          <p>
            <strong>{describeHistoryEntry(entry, nameOf)}</strong>
            {entry.action === "completed" && entry.points > 0 && <span className="muted"> · +{entry.points} pts</span>}
            {entry.approvedBy !== null && <span className="muted"> · approved by {nameOf(entry.approvedBy)}</span>}
          </p>
          <p className="muted">
            <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, timeZone)}</time>
            {entry.dueDate && <> · for the occurrence due {formatDateTime(entry.dueDate, timeZone)}</>}
          </p>
          {entry.note && <p className="history__note">“{entry.note}”</p>}
          {entry.photo && (
            <PhotoThumbnail
              photo={entry.photo}
              label={`Photo from ${nameOf(entry.performedAs)}, ${formatDateTime(entry.createdAt, timeZone)}`}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
