import type { AccountClaimLink, Member } from "@chorus/shared";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { SecretShownOnce } from "../../../components/secret-shown-once";
import { errorMessage } from "../../../lib/errors";
import { locale } from "../../../lib/i18n";
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
  const { t } = useTranslation("circle");
  const name = member.displayName;
  if (link) {
    const url = `${window.location.origin}/claim#${link.token}`;
    const until = new Date(link.expiresAt).toLocaleDateString(locale(), { day: "numeric", month: "long" });
    return (
      <SecretShownOnce
        label={t("claimLink.label", { name })}
        secret={url}
        copyLabel={t("claimLink.copy")}
        testId="claim-link"
        onDone={() => setLink(null)}
      >
        <p>{t("claimLink.about", { name, until })}</p>
      </SecretShownOnce>
    );
  }
  return (
    <>
      <span className="badge">{t("claimLink.notSignedIn")}</span>
      <button
        type="button"
        className="button"
        disabled={create.isPending}
        onClick={() => create.mutate(member.userId, { onSuccess: setLink, onError: (error) => notify("error", errorMessage(error)) })}
      >
        <Trans t={t} i18nKey="claimLink.make" values={{ name }} components={{ hidden: <span className="visually-hidden" /> }} />
      </button>
    </>
  );
}
