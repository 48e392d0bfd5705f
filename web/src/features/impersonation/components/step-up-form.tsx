import type { SignInMethod } from "@chorus/shared";
import { useEffect, useRef, useState } from "react";
import { TextField } from "../../../components/form";
import { errorMessage } from "../../../lib/errors";
import type { StepUpSecret } from "../use-impersonation";

/**
 * Asks an older sign-in for its password (or PIN, after a PIN sign-in) before acting as
 * someone (decision 0020). It takes focus when it appears, and again after a wrong secret;
 * Escape or Cancel leaves it.
 */
export function StepUpForm({
  method,
  purpose,
  busy,
  error,
  className,
  onConfirm,
  onCancel,
}: {
  method: SignInMethod;
  /** What confirming does, after "confirm it is you to …". */
  purpose: string;
  busy: boolean;
  /** Why the last secret sent was refused ("Wrong password"): a new one each time, so each clears the field. */
  error: unknown;
  className: string;
  onConfirm: (secret: StepUpSecret) => void;
  onCancel: () => void;
}) {
  const [secret, setSecret] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const pin = method === "pin";
  // A refused secret is cleared for the next try (during render: it follows from the new error).
  const [refused, setRefused] = useState(error);
  if (refused !== error) {
    setRefused(error);
    setSecret("");
  }
  // Focus on opening, and back to the field after each refusal (a new error).
  useEffect(() => {
    field.current?.focus();
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- as said above
  }, [error]);
  // A single sign-on has no secret here: only a new sign-in through the provider is fresh (decision 0040).
  if (method === "oidc") {
    return (
      <div className={className} role="alert">
        <p>You signed in with single sign-on a while ago: sign out and sign in again to {purpose}.</p>
        <div className="step-up-form__buttons">
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  return (
    // Escape from the field or a button inside leaves the form; the form only catches it on its way up.
    // oxlint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form
      className={className}
      aria-label="Confirm it is you"
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        onCancel();
      }}
      onSubmit={(event) => {
        event.preventDefault();
        if (secret) onConfirm(pin ? { pin: secret } : { password: secret });
      }}
    >
      <TextField
        ref={field}
        label={pin ? "Your PIN" : "Your password"}
        name={pin ? "pin" : "password"}
        type="password"
        inputMode={pin ? "numeric" : undefined}
        autoComplete="current-password"
        hint={`You signed in a while ago: confirm it is you to ${purpose}.`}
        error={error === null ? undefined : errorMessage(error)}
        value={secret}
        onChange={(event) => setSecret(event.target.value)}
      />
      <div className="step-up-form__buttons">
        <button type="submit" className="button" disabled={busy || !secret}>
          {busy ? "Checking…" : "Confirm"}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
