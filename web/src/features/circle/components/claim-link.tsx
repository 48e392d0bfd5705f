import type { AccountClaimLink, Member } from "@chorus/shared";
import { useState } from "react";
import { useNotify } from "../../../components/notices";
import { SecretShownOnce } from "../../../components/secret-shown-once";
import { errorMessage } from "../../../lib/errors";
import { useCreateClaimLink } from "../api/create-claim-link";

/**
 * On an imported member's row (decision 0045): they cannot sign in yet, and the admin makes
 * them a one-time link to choose a password with, shown once. The token is the link's
 * fragment, which browsers never send to a server.
 */
export function ClaimLink({ member }: { member: Member }) {
  const create = useCreateClaimLink();
  const notify = useNotify();
  const [link, setLink] = useState<AccountClaimLink | null>(null);
  if (link) {
    const url = `${window.location.origin}/claim#${link.token}`;
    const until = new Date(link.expiresAt).toLocaleDateString([], { day: "numeric", month: "long" });
    return (
      <SecretShownOnce
        label={`Sign-in link for ${member.displayName}`}
        secret={url}
        copyLabel="Copy link"
        testId="claim-link"
        onDone={() => setLink(null)}
      >
        <p>
          Send this link to {member.displayName} yourself. It works once, until {until}: they choose their password with it. It is not shown
          again.
        </p>
      </SecretShownOnce>
    );
  }
  return (
    <>
      <span className="badge">Not signed in yet</span>
      <button
        type="button"
        className="button"
        disabled={create.isPending}
        onClick={() => create.mutate(member.userId, { onSuccess: setLink, onError: (error) => notify("error", errorMessage(error)) })}
      >
        Make a sign-in link<span className="visually-hidden"> for {member.displayName}</span>
      </button>
    </>
  );
}
