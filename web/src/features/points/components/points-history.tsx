import type { PointsEntry, PointsKind } from "@chorus/shared";
import { Link } from "react-router";
import { formatDateTime } from "../../../lib/dates";

const KIND_LABELS: Record<PointsKind, string> = {
  opening: "Opening balance",
  earned: "Earned",
  undone: "Undone",
  adjusted: "Adjusted",
  redeemed: "Redeemed",
  refunded: "Refunded",
  penalty: "Penalty",
  bonus: "Bonus",
};

const signed = (amount: number) => (amount > 0 ? `+${amount}` : `−${Math.abs(amount)}`);

/** "by Sam for Alex", "by Alex via Kitchen tablet": the real person first, as chore history says it. */
function attribution(entry: PointsEntry, member: { userId: number; displayName: string }): string {
  if (entry.actor === null) return "Carried over from before the points history";
  const by = entry.actor.id === member.userId ? `by ${member.displayName}` : `by ${entry.actor.displayName} for ${member.displayName}`;
  return entry.viaDevice ? `${by} via ${entry.viaDevice.name}` : by;
}

function PointsHistoryEntry({
  entry,
  member,
  timeZone,
}: {
  entry: PointsEntry;
  member: { userId: number; displayName: string };
  timeZone: string;
}) {
  return (
    <li className={`points-history__entry points-history__entry--${entry.amount > 0 ? "credit" : "debit"}`}>
      <p className="points-history__headline">
        <strong className="points-history__amount">{signed(entry.amount)}</strong>
        <span>
          {KIND_LABELS[entry.kind]}
          {entry.chore &&
            (entry.chore.name === null ? (
              <>: a chore you cannot see</>
            ) : (
              <>
                : <Link to={`/chores/${entry.chore.id}`}>{entry.chore.name}</Link>
              </>
            ))}
          {entry.reward && <>: {entry.reward.name}</>}
        </span>
        <span className="muted points-history__balance">balance {entry.balance}</span>
      </p>
      <p className="muted">
        {attribution(entry, member)} · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, timeZone)}</time>
      </p>
      {entry.reason && entry.kind !== "opening" && <p className="history__note">“{entry.reason}”</p>}
    </li>
  );
}

export function PointsHistory({
  entries,
  member,
  timeZone,
}: {
  entries: readonly PointsEntry[];
  member: { userId: number; displayName: string };
  timeZone: string;
}) {
  if (entries.length === 0) return <p className="empty">No points yet. Doing chores with points earns them.</p>;
  return (
    <ol className="history points-history" aria-label="Points history">
      {entries.map((entry) => (
        <PointsHistoryEntry key={entry.id} entry={entry} member={member} timeZone={timeZone} />
      ))}
    </ol>
  );
}
