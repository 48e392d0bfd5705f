import type { TabletMember } from "@chorus/shared";

/** Big name tiles: who is at the tablet? */
export function MemberTiles({ members, onPick }: { members: readonly TabletMember[]; onPick: (member: TabletMember) => void }) {
  if (members.length === 0) return <p className="empty">Nobody is in this circle yet.</p>;
  return (
    <ul className="tablet-tiles" aria-label="Who are you?">
      {members.map((member) => (
        <li key={member.userId}>
          <button type="button" className="tablet-tile" onClick={() => onPick(member)}>
            <span className="tablet-tile__initial" aria-hidden="true">
              {member.displayName.trim().charAt(0).toUpperCase()}
            </span>
            <span>{member.displayName}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
