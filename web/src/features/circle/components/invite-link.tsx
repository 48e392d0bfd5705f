import { useState } from "react";
import { QrCode } from "../../../components/qr-code";
import { inviteLink } from "../invite-link";

/**
 * The invite link with its QR code, for admins and managers (the only ones who get the
 * code): whoever opens it signs up or signs in and asks to join; you accept them here.
 */
export function InviteLink({ code, circleName }: { code: string; circleName: string }) {
  const [copied, setCopied] = useState(false);
  const link = inviteLink(window.location.origin, code);
  return (
    <section aria-labelledby="invite-heading" className="card invite-link" id="invite">
      <h2 id="invite-heading">Invite someone</h2>
      <p>Send this link, or let them scan the code with their phone. You then accept their request here.</p>
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
            {copied ? "Copied" : "Copy link"}
          </button>
        )}
      </p>
      <div className="invite-link__qr">
        <QrCode text={link} label={`QR code of the invite link to ${circleName}`} />
      </div>
      <p className="muted">
        Or they type the invite code under <em>Join a circle</em>: <code data-testid="invite-code">{code}</code>
      </p>
    </section>
  );
}
