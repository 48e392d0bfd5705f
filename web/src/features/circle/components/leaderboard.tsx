import type { Member } from "@chorus/shared";

export function Leaderboard({ members }: { members: Member[] }) {
  const ranked = members
    .filter((member) => member.status === "active")
    .sort((a, b) => b.points - a.points || a.displayName.localeCompare(b.displayName));
  return (
    <section aria-labelledby="leaderboard-heading" className="card">
      <h2 id="leaderboard-heading">Points</h2>
      <ol className="leaderboard">
        {ranked.map((member) => (
          <li key={member.userId}>
            <span>{member.displayName}</span>
            <strong>
              {member.points} <span className="muted">{member.points === 1 ? "point" : "points"}</span>
            </strong>
          </li>
        ))}
      </ol>
    </section>
  );
}
