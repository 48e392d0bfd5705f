import type { Chore } from "@chorus/shared";
import { useNotify } from "../../../components/notices";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useActingForName } from "../../impersonation/api/get-acting-user";
import { useClaimChore } from "../api/claim-chore";

/**
 * How a shared chore stands (decision 0035): "2 of 3 done · left: Alex, Kim" for an everyone
 * chore, "Open" or "Claimed by Alex" for an anyone chore; null for a rotation chore.
 */
export function sharedStatusText(chore: Chore, nameOf: (userId: number | null) => string): string | null {
  if (chore.assignmentMode === "everyone" && chore.parts) {
    const left = chore.parts.filter(({ state }) => state === "open").map(({ userId }) => nameOf(userId));
    const done = chore.parts.length - left.length;
    return `${done} of ${chore.parts.length} done${left.length > 0 ? ` · left: ${left.join(", ")}` : ""}`;
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
