import type { PointsEntry } from "@chorus/shared";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../../lib/dates";
import { WaivePenalty } from "./waive-penalty";

const signed = (amount: number) => (amount > 0 ? `+${amount}` : amount < 0 ? `−${Math.abs(amount)}` : "0");

/** "by Sam for Alex", "by Alex via Kitchen tablet": the real person first, as chore history says it. */
function attribution(entry: PointsEntry, member: { userId: number; displayName: string }, t: TFunction<"points">): string {
  if (entry.actor === null) return entry.kind === "penalty" ? t("history.notDoneInTime") : t("history.carriedOver");
  const values = { name: member.displayName, actor: entry.actor.displayName, device: entry.viaDevice?.name };
  const self = entry.actor.id === member.userId;
  if (entry.viaDevice) return self ? t("history.byVia", values) : t("history.byForVia", values);
  return self ? t("history.by", values) : t("history.byFor", values);
}

/** The missed occurrence, and what the penalty could not take because the balance never goes below zero. */
function PenaltyDetails({ entry, timeZone }: { entry: PointsEntry; timeZone: string }) {
  const { t } = useTranslation("points");
  const penalty = entry.penalty!;
  const short = entry.kind === "penalty" && -entry.amount < penalty.points;
  return (
    <p className="muted">
      <Trans
        t={t}
        i18nKey="history.missed"
        values={{ when: formatDateTime(penalty.dueDate, timeZone) }}
        components={{ time: <time dateTime={penalty.dueDate} /> }}
      />
      {short &&
        (entry.amount === 0
          ? t("history.penaltyNoneLeft", { points: penalty.points })
          : t("history.penaltyOnlyLeft", { points: penalty.points, left: -entry.amount }))}
      {entry.kind === "penalty" && penalty.waived && <strong className="points-history__waived">{t("history.waived")}</strong>}
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
  const { t } = useTranslation("points");
  const kind = t(`history.kinds.${entry.kind}`);
  return (
    <li className={`points-history__entry points-history__entry--${entry.amount > 0 ? "credit" : "debit"}`}>
      <p className="points-history__headline">
        <strong className="points-history__amount">{signed(entry.amount)}</strong>
        <span>
          {entry.chore ? (
            entry.chore.name === null ? (
              t("history.withHiddenChore", { kind })
            ) : (
              <Trans
                t={t}
                i18nKey="history.withChore"
                values={{ kind, chore: entry.chore.name }}
                components={{ choreLink: <Link to={`/chores/${entry.chore.id}`} /> }}
              />
            )
          ) : entry.reward ? (
            t("history.withReward", { kind, reward: entry.reward.name })
          ) : (
            kind
          )}
        </span>
        <span className="muted points-history__balance">{t("history.balance", { balance: entry.balance })}</span>
      </p>
      <p className="muted">
        {attribution(entry, member, t)} · <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, timeZone)}</time>
      </p>
      {entry.penalty && <PenaltyDetails entry={entry} timeZone={timeZone} />}
      {entry.reason && entry.kind !== "opening" && <p className="history__note">“{entry.reason}”</p>}
      {canWaive && entry.kind === "penalty" && entry.penalty && !entry.penalty.waived && (
        <WaivePenalty entryId={entry.id} choreName={entry.chore?.name ?? t("history.hiddenChore")} member={member} />
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
  const { t } = useTranslation("points");
  if (entries.length === 0) return <p className="empty">{t("history.empty")}</p>;
  return (
    <ol className="history points-history" aria-label={t("history.label")}>
      {entries.map((entry) => (
        <PointsHistoryEntry key={entry.id} entry={entry} member={member} timeZone={timeZone} canWaive={canWaive} />
      ))}
    </ol>
  );
}
