import type { ActedForMeItem } from "@chorus/shared";
import { Link } from "react-router";
import { formatDateTime } from "../../../lib/dates";

const ACTION_PHRASES: Record<Extract<ActedForMeItem, { kind: "chore_action" }>["action"], string> = {
  completed: "Done for you",
  skipped: "Skipped for you",
  started: "Timer started for you",
  paused: "Timer paused for you",
};

function ActedForMeEntry({ item, timeZone }: { item: ActedForMeItem; timeZone: string }) {
  const when = <time dateTime={item.at}>{formatDateTime(item.at, timeZone)}</time>;
  if (item.kind === "impersonation_session") {
    // An expired session reads as ended at the clock of this render, which each refetch brings.
    // oxlint-disable-next-line react/purity
    const ended = item.endedAt ?? (Date.parse(item.expiresAt) <= Date.now() ? item.expiresAt : null);
    return (
      <li className="acted-for-me__entry acted-for-me__entry--session">
        <p>
          <strong>
            {item.actor.displayName} {item.mode === "view" ? "viewed your tasks as you" : "viewed and acted as you"}
          </strong>{" "}
          <span className="badge">{item.mode === "view" ? "View only" : "View and act"}</span>
        </p>
        <p className="muted">
          Started {when} · {ended ? <>ended {formatDateTime(ended, timeZone)}</> : <>until {formatDateTime(item.expiresAt, timeZone)}</>}
          {" · "}
          {item.actionCount === 1 ? "1 action" : `${item.actionCount} actions`}
        </p>
        <p className="history__note">{item.reason ? <>Reason: “{item.reason}”</> : <span className="muted">No reason given</span>}</p>
      </li>
    );
  }
  return (
    <li className={`acted-for-me__entry history__entry--${item.action}`}>
      <p>
        <strong>
          {ACTION_PHRASES[item.action]} by {item.actor.displayName}
        </strong>
        : <Link to={`/chores/${item.choreId}`}>{item.choreName}</Link>
        {item.action === "completed" && item.points > 0 && <span className="muted"> · +{item.points} pts for you</span>}
      </p>
      <p className="muted">{when}</p>
      {item.note && <p className="history__note">“{item.note}”</p>}
    </li>
  );
}

export function ActedForMeList({ items, timeZone }: { items: readonly ActedForMeItem[]; timeZone: string }) {
  if (items.length === 0) return <p className="empty">Nobody has done anything for you yet.</p>;
  return (
    <ol className="history acted-for-me" aria-label="Done for you">
      {items.map((item) => (
        <ActedForMeEntry key={item.id} item={item} timeZone={timeZone} />
      ))}
    </ol>
  );
}
