import type { Chore, ChorePart } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { i18next, locale } from "../../../lib/i18n";
import { useActingForName } from "../../impersonation/api/get-acting-user";
import { useClaimChore } from "../api/claim-chore";

/**
 * How a shared chore stands (decision 0035): "1 of 2 done · left: Alex · away: Kim" for an everyone
 * chore, "Open" or "Claimed by Alex" for an anyone chore; null for a rotation chore.
 */
export function sharedStatusText(chore: Chore, nameOf: (userId: number | null) => string): string | null {
  if (chore.assignmentMode === "everyone" && chore.parts) {
    const named = (state: ChorePart["state"]) => chore.parts!.filter((part) => part.state === state).map(({ userId }) => nameOf(userId));
    const [left, away] = [named("open"), named("away")];
    // Someone away holds nobody back (decision 0034), so their part is not one of those to do.
    const counted = chore.parts.length - away.length;
    const done = counted - left.length;
    const list = (names: string[]) => new Intl.ListFormat(locale(), { type: "unit", style: "short" }).format(names);
    let status = i18next.t("chores:shared.done", { done, counted });
    if (left.length > 0) status = i18next.t("chores:shared.left", { status, names: list(left) });
    if (away.length > 0) status = i18next.t("chores:shared.away", { status, names: list(away) });
    return status;
  }
  if (chore.assignmentMode === "anyone")
    return chore.assignedTo === null
      ? i18next.t("chores:shared.open")
      : i18next.t("chores:shared.claimedBy", { name: nameOf(chore.assignedTo) });
  return null;
}

/** What a refused claim means to the person who tapped it. */
export function claimFailureMessage(failure: unknown, fallback: string): string {
  if (hasErrorCode(failure, "already_claimed")) return i18next.t("chores:shared.claimedFirst");
  if (hasErrorCode(failure, "not_claimed")) return i18next.t("chores:shared.notClaimed");
  return fallback;
}

/** The status with its Claim or Release button, when the server says the viewer may. */
export function SharedStatus({
  chore,
  nameOf,
  actingFor = null,
  busy,
  onClaim,
  buttonClassName = "button button--small",
}: {
  chore: Chore;
  nameOf: (userId: number | null) => string;
  /** The member's name while acting as them. */
  actingFor?: string | null;
  busy: boolean;
  onClaim: (claim: boolean) => void;
  /** The tablet's buttons are its big touch targets. */
  buttonClassName?: string;
}) {
  const { t } = useTranslation("chores");
  const text = sharedStatusText(chore, nameOf);
  if (text === null) return null;
  const { canClaim, canRelease } = chore.abilities;
  const [label, button] = canClaim
    ? actingFor === null
      ? [t("shared.claimLabel", { name: chore.name }), t("shared.claim")]
      : [t("shared.claimForLabel", { member: actingFor, name: chore.name }), t("shared.claimFor", { member: actingFor })]
    : actingFor === null
      ? [t("shared.releaseLabel", { name: chore.name }), t("shared.release")]
      : [t("shared.releaseForLabel", { member: actingFor, name: chore.name }), t("shared.release")];
  return (
    <p className="shared-status">
      <span>{text}</span>
      {(canClaim || canRelease) && (
        <>
          <span aria-hidden="true"> — </span>
          <button type="button" className={buttonClassName} disabled={busy} aria-label={label} onClick={() => onClaim(canClaim)}>
            {button}
          </button>
        </>
      )}
    </p>
  );
}

/** A shared chore's parts or claim, with Claim or Release; a refusal is told as a notice. */
export function ChoreSharedStatus({ chore, nameOf }: { chore: Chore; nameOf: (userId: number | null) => string }) {
  const claim = useClaimChore();
  const notify = useNotify();
  const actingFor = useActingForName();
  const { t } = useTranslation("chores");
  const claimedText = () =>
    actingFor === null ? t("shared.claimed", { name: chore.name }) : t("shared.claimedFor", { name: chore.name, member: actingFor });
  return (
    <SharedStatus
      chore={chore}
      nameOf={nameOf}
      actingFor={actingFor}
      busy={claim.isPending}
      onClaim={(claiming) =>
        claim.mutate(
          { chore, claim: claiming },
          {
            onSuccess: () => notify("success", claiming ? claimedText() : t("shared.released", { name: chore.name })),
            onError: (failure) => {
              if (!hasErrorCode(failure, "impersonation_read_only")) notify("error", claimFailureMessage(failure, errorMessage(failure)));
            },
          },
        )
      }
    />
  );
}
