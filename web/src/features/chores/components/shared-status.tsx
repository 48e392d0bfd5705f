import type { Chore, ChorePart } from "@chorus/shared";
import { useNotify } from "../../../components/notices";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
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
    const list = (label: string, names: string[]) => (names.length > 0 ? ` · ${label}: ${names.join(", ")}` : "");
    return `${done} of ${counted} done${list("left", left)}${list("away", away)}`;
  }
  if (chore.assignmentMode === "anyone") return chore.assignedTo === null ? "Open" : `Claimed by ${nameOf(chore.assignedTo)}`;
  return null;
}

/** What a refused claim means to the person who tapped it. */
export function claimFailureMessage(failure: unknown, fallback: string): string {
  if (hasErrorCode(failure, "already_claimed")) return "Someone else claimed it first.";
  if (hasErrorCode(failure, "not_claimed")) return "Nobody has claimed it any more.";
  return fallback;
}

/** The status with its Claim or Release button, when the server says the viewer may. */
export function SharedStatus({
  chore,
  nameOf,
  forWhom,
  busy,
  onClaim,
  buttonClassName = "button button--small",
}: {
  chore: Chore;
  nameOf: (userId: number | null) => string;
  /** " for Alex" while acting as Alex, else "". */
  forWhom: string;
  busy: boolean;
  onClaim: (claim: boolean) => void;
  /** The tablet's buttons are its big touch targets. */
  buttonClassName?: string;
}) {
  const text = sharedStatusText(chore, nameOf);
  if (text === null) return null;
  const { canClaim, canRelease } = chore.abilities;
  return (
    <p className="shared-status">
      <span>{text}</span>
      {(canClaim || canRelease) && (
        <>
          <span aria-hidden="true"> — </span>
          <button
            type="button"
            className={buttonClassName}
            disabled={busy}
            aria-label={`${canClaim ? "Claim" : "Release"}${forWhom}: ${chore.name}`}
            onClick={() => onClaim(canClaim)}
          >
            {canClaim ? `Claim${forWhom}` : "Release"}
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
  const forWhom = actingFor === null ? "" : ` for ${actingFor}`;
  return (
    <SharedStatus
      chore={chore}
      nameOf={nameOf}
      forWhom={forWhom}
      busy={claim.isPending}
      onClaim={(claiming) =>
        claim.mutate(
          { chore, claim: claiming },
          {
            onSuccess: () => notify("success", `“${chore.name}” ${claiming ? `claimed${forWhom}` : "released"}.`),
            onError: (failure) => {
              if (!hasErrorCode(failure, "impersonation_read_only")) notify("error", claimFailureMessage(failure, errorMessage(failure)));
            },
          },
        )
      }
    />
  );
}
