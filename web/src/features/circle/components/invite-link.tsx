import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { QrCode } from "../../../components/qr-code";
import { inviteLink } from "../invite-link";

/**
 * The invite link with its QR code, for admins and managers (the only ones who get the
 * code): whoever opens it signs up or signs in and asks to join; you accept them here.
 */
export function InviteLink({ code, circleName }: { code: string; circleName: string }) {
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation("circle");
  const link = inviteLink(window.location.origin, code);
  return (
    <section aria-labelledby="invite-heading" className="card invite-link" id="invite">
      <h2 id="invite-heading">{t("invite.heading")}</h2>
      <p>{t("invite.about")}</p>
      <p className="invite-link__row">
        <a href={link} className="invite-link__url" data-testid="invite-link">
          {link}
        </a>
        {navigator.clipboard && (
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void navigator.clipboard.writeText(link).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("invite.copied") : t("invite.copy")}
          </button>
        )}
      </p>
      <div className="invite-link__qr">
        <QrCode text={link} label={t("invite.qr", { circle: circleName })} />
      </div>
      <p className="muted">
        <Trans t={t} i18nKey="invite.orCode" values={{ code }} components={{ em: <em />, code: <code data-testid="invite-code" /> }} />
      </p>
    </section>
  );
}
