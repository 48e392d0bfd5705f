import type { PointsEntry, PointsKind } from "@chorus/shared";
import { Link } from "react-router";
import { formatDateTime } from "../../../lib/dates";
import { WaivePenalty } from "./waive-penalty";

const KIND_LABELS: Record<PointsKind, string> = {
  opening: "Opening balance",
  earned: "Earned",
  undone: "Undone",
  adjusted: "Adjusted",
  redeemed: "Redeemed",
  refunded: "Refunded",
  penalty: "Penalty",
  bonus: "Bonus",
  waived: "Penalty waived",
};

const signed = (amount: number) => (amount > 0 ? `+${amount}` : amount < 0 ? `−${Math.abs(amount)}` : "0");

/** "by Sam for Alex", "by Alex via Kitchen tablet": the real person first, as chore history says it. */
function attribution(entry: PointsEntry, member: { userId: number; displayName: string }): string {
  if (entry.actor === null) return entry.kind === "penalty" ? "Not done in time" : "Carried over from before the points history";
  const by = entry.actor.id === member.userId ? `by ${member.displayName}` : `by ${entry.actor.displayName} for ${member.displayName}`;
  return entry.viaDevice ? `${by} via ${entry.viaDevice.name}` : by;
}

/** The missed occurrence, and what the penalty could not take because the balance never goes below zero. */
function PenaltyDetails({ entry, timeZone }: { entry: PointsEntry; timeZone: string }) {
  const penalty = entry.penalty!;
  const short = entry.kind === "penalty" && -entry.amount < penalty.points;
  return (
    <p className="muted">
      Missed: due <time dateTime={penalty.dueDate}>{formatDateTime(penalty.dueDate, timeZone)}</time>
      {short &&
        ` · penalty ${penalty.points}, ${entry.amount === 0 ? "no points were left to take" : `only ${-entry.amount} left to take`}`}
      {entry.kind === "penalty" && penalty.waived && <strong className="points-history__waived"> · Waived</strong>}
    </p>
  );
}

function PointsHistoryEntry({
  entry,
  member,
  timeZone,
  canWaive,
}: {
  entry: PointsEntry;
  member: { userId: number; displayName: string };
  timeZone: string;
  canWaive: boolean;
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
      {entry.penalty && <PenaltyDetails entry={entry} timeZone={timeZone} />}
      {entry.reason && entry.kind !== "opening" && <p className="history__note">“{entry.reason}”</p>}
      {canWaive && entry.kind === "penalty" && entry.penalty && !entry.penalty.waived && (
        <WaivePenalty entryId={entry.id} choreName={entry.chore?.name ?? "a chore you cannot see"} member={member} />
      )}
    </li>
  );
}

export function PointsHistory({
  entries,
  member,
  timeZone,
  canWaive = false,
}: {
  entries: readonly PointsEntry[];
  member: { userId: number; displayName: string };
  timeZone: string;
  /** An admin, as themselves: penalties offer "Waive…" (decision 0028). */
  canWaive?: boolean;
}) {
  if (entries.length === 0) return <p className="empty">No points yet. Doing chores with points earns them.</p>;
  return (
    <ol className="history points-history" aria-label="Points history">
      {entries.map((entry) => (
        <PointsHistoryEntry key={entry.id} entry={entry} member={member} timeZone={timeZone} canWaive={canWaive} />
      ))}
    </ol>
  );
}
