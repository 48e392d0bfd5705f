import { useState } from "react";

/** The code a new member types into "Join a circle"; admins and managers only ever see it. */
export function InviteCode({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="invite-heading" className="card">
      <h2 id="invite-heading">Invite code</h2>
      <p>Share this code with someone to let them ask to join. You then accept their request here.</p>
      <p className="invite-code">
        <code data-testid="invite-code">{code}</code>
        {navigator.clipboard && (
          <button
            type="button"
            className="button button--small"
            onClick={() => navigator.clipboard.writeText(code).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        )}
      </p>
    </section>
  );
}
