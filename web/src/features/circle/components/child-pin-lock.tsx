import type { Member } from "@chorus/shared";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useUnlockMemberPin } from "../api/unlock-member-pin";

/** "PIN locked until 10:45" on a child's row, with the admin's way to lift it early. */
export function ChildPinLock({ member }: { member: Member }) {
  const unlock = useUnlockMemberPin();
  const notify = useNotify();
  if (!member.pinLockedUntil) return null;
  const until = new Date(member.pinLockedUntil).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <>
      <span className="badge badge--denied">PIN locked until {until}</span>
      <button
        type="button"
        className="button"
        disabled={unlock.isPending}
        onClick={() =>
          unlock.mutate(member.userId, {
            onSuccess: () => notify("success", `${member.displayName} can use their PIN again.`),
            onError: (error) => notify("error", errorMessage(error)),
          })
        }
      >
        Unlock PIN<span className="visually-hidden"> for {member.displayName}</span>
      </button>
    </>
  );
}
