import type { Member } from "@chorus/shared";
import { Link } from "react-router";

/** The circle's points, highest first; a name links to the points history where the viewer may open it. */
export function Leaderboard({ members, mayOpenHistory }: { members: Member[]; mayOpenHistory: (userId: number) => boolean }) {
  const ranked = members
    .filter((member) => member.status === "active")
    .sort((a, b) => b.points - a.points || a.displayName.localeCompare(b.displayName));
  return (
    <section aria-labelledby="leaderboard-heading" className="card">
      <h2 id="leaderboard-heading">Points</h2>
      <ol className="leaderboard">
        {ranked.map((member) => (
          <li key={member.userId}>
            {mayOpenHistory(member.userId) ? (
              <Link to={`/points/${member.userId}`} aria-label={`${member.displayName}’s points history`}>
                {member.displayName}
              </Link>
            ) : (
              <span>{member.displayName}</span>
            )}
            <strong>
              {member.points} <span className="muted">{member.points === 1 ? "point" : "points"}</span>
            </strong>
          </li>
        ))}
      </ol>
    </section>
  );
}
