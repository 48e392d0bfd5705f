import type { Member } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The circle's points, highest first; a name links to the points history where the viewer may open it. */
export function Leaderboard({ members, mayOpenHistory }: { members: Member[]; mayOpenHistory: (userId: number) => boolean }) {
  const { t } = useTranslation("circle");
  const ranked = members
    .filter((member) => member.status === "active")
    .sort((a, b) => b.points - a.points || a.displayName.localeCompare(b.displayName));
  return (
    <section aria-labelledby="leaderboard-heading" className="card">
      <h2 id="leaderboard-heading">{t("leaderboard.heading")}</h2>
      <ol className="leaderboard">
        {ranked.map((member) => (
          <li key={member.userId}>
            {mayOpenHistory(member.userId) ? (
              <Link to={`/points/${member.userId}`} aria-label={t("leaderboard.history", { name: member.displayName })}>
                {member.displayName}
              </Link>
            ) : (
              <span>{member.displayName}</span>
            )}
            <strong>
              <Trans t={t} i18nKey="leaderboard.points" count={member.points} components={{ muted: <span className="muted" /> }} />
            </strong>
          </li>
        ))}
      </ol>
    </section>
  );
}
