import type { Member } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { locale } from "../../../lib/i18n";
import { useUnlockMemberPin } from "../api/unlock-member-pin";

/** "PIN locked until 10:45" on a child's row, with the admin's way to lift it early. */
export function ChildPinLock({ member }: { member: Member }) {
  const unlock = useUnlockMemberPin();
  const notify = useNotify();
  const { t } = useTranslation("circle");
  if (!member.pinLockedUntil) return null;
  const until = new Date(member.pinLockedUntil).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
  return (
    <>
      <span className="badge badge--denied">{t("pinLock.lockedUntil", { time: until })}</span>
      <button
        type="button"
        className="button"
        disabled={unlock.isPending}
        onClick={() =>
          unlock.mutate(member.userId, {
            onSuccess: () => notify("success", t("pinLock.unlocked", { name: member.displayName })),
            onError: (error) => notify("error", errorMessage(error)),
          })
        }
      >
        <Trans
          t={t}
          i18nKey="pinLock.unlock"
          values={{ name: member.displayName }}
          components={{ hidden: <span className="visually-hidden" /> }}
        />
      </button>
    </>
  );
}
