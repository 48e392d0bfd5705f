import type { ActedForMeItem } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../../lib/dates";

function ActedForMeEntry({ item, timeZone }: { item: ActedForMeItem; timeZone: string }) {
  const { t } = useTranslation("acted-for-me");
  const at = formatDateTime(item.at, timeZone);
  if (item.kind === "impersonation_session") {
    // An expired session reads as ended at the clock of this render, which each refetch brings.
    // oxlint-disable-next-line react/purity
    const ended = item.endedAt ?? (Date.parse(item.expiresAt) <= Date.now() ? item.expiresAt : null);
    return (
      <li className="acted-for-me__entry acted-for-me__entry--session">
        <p>
          <strong>{t(`session.${item.mode}`, { name: item.actor.displayName })}</strong>{" "}
          <span className="badge">{t(`modes.${item.mode}`)}</span>
        </p>
        <p className="muted">
          <Trans t={t} i18nKey="started" values={{ when: at }} components={{ time: <time dateTime={item.at} /> }} />
          {" · "}
          {ended ? t("ended", { when: formatDateTime(ended, timeZone) }) : t("until", { when: formatDateTime(item.expiresAt, timeZone) })}
          {" · "}
          {t("actionCount", { count: item.actionCount })}
        </p>
        <p className="history__note">
          {item.reason ? t("reason", { reason: item.reason }) : <span className="muted">{t("noReason")}</span>}
        </p>
      </li>
    );
  }
  return (
    <li className={`acted-for-me__entry history__entry--${item.action}`}>
      <p>
        <strong>{t(`actions.${item.action}`, { name: item.actor.displayName })}</strong>:{" "}
        <Link to={`/chores/${item.choreId}`}>{item.choreName}</Link>
        {item.action === "completed" && item.points > 0 && <span className="muted">{t("points", { points: item.points })}</span>}
      </p>
      <p className="muted">
        <time dateTime={item.at}>{at}</time>
      </p>
      {item.note && <p className="history__note">“{item.note}”</p>}
    </li>
  );
}

export function ActedForMeList({ items, timeZone }: { items: readonly ActedForMeItem[]; timeZone: string }) {
  const { t } = useTranslation("acted-for-me");
  if (items.length === 0) return <p className="empty">{t("empty")}</p>;
  return (
    <ol className="history acted-for-me" aria-label={t("label")}>
      {items.map((item) => (
        <ActedForMeEntry key={item.id} item={item} timeZone={timeZone} />
      ))}
    </ol>
  );
}
