import type { TabletMember } from "@chorus/shared";
import { useTranslation } from "react-i18next";

/** Big name tiles: who is at the tablet? */
export function MemberTiles({ members, onPick }: { members: readonly TabletMember[]; onPick: (member: TabletMember) => void }) {
  const { t } = useTranslation("tablet");
  if (members.length === 0) return <p className="empty">{t("tiles.nobody")}</p>;
  return (
    <ul className="tablet-tiles" aria-label={t("screen.whoAreYou")}>
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
