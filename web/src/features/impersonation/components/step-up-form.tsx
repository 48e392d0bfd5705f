import type { SignInMethod } from "@chorus/shared";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/form";
import { errorMessage } from "../../../lib/errors";
import { useStepUpPasskey } from "../../mfa/api/step-up-passkey";
import type { StepUpSecret } from "../use-impersonation";

/**
 * Asks an older sign-in for its password (or PIN, after a PIN sign-in) before acting as
 * someone (decision 0020), or for one of the caller's passkeys when `passkey` says the
 * server takes one (decision 0046). It takes focus when it appears, and again after a
 * wrong secret; Escape or Cancel leaves it.
 */
export function StepUpForm({
  method,
  passkey,
  purpose,
  busy,
  error,
  className,
  onConfirm,
  onCancel,
}: {
  method: SignInMethod;
  /** The caller has a passkey and the server takes one: offer "Use a passkey". */
  passkey: boolean;
  /** What confirming does, after "confirm it is you to …". */
  purpose: string;
  busy: boolean;
  /** Why the last secret sent was refused ("Wrong password"): a new one each time, so each clears the field. */
  error: unknown;
  className: string;
  onConfirm: (secret: StepUpSecret) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("impersonation");
  const [secret, setSecret] = useState("");
  const stepUpPasskey = useStepUpPasskey();
  // While the browser's passkey prompt is open; the browser's refusal, in words (the server's comes back as `error`).
  const [prompting, setPrompting] = useState(false);
  const [browserError, setBrowserError] = useState<unknown>(null);
  const field = useRef<HTMLInputElement>(null);
  const pin = method === "pin";
  // A refused secret is cleared for the next try (during render: it follows from the new error).
  const [refused, setRefused] = useState(error);
  if (refused !== error) {
    setRefused(error);
    setSecret("");
    setBrowserError(null);
  }
  // Focus on opening, and back to the field after each refusal (a new error).
  useEffect(() => {
    field.current?.focus();
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- as said above
  }, [error]);
  const provePasskey = () => {
    setPrompting(true);
    setBrowserError(null);
    stepUpPasskey()
      .then(onConfirm, setBrowserError)
      .finally(() => setPrompting(false));
  };
  const passkeyButton = passkey && (
    <button type="button" className="button" disabled={busy || prompting} onClick={provePasskey}>
      {prompting ? t("stepUp.waitingForPasskey") : t("stepUp.usePasskey")}
    </button>
  );
  const shown = browserError ?? error;
  const shownError = shown === null ? null : errorMessage(shown);
  // A single sign-on has no secret here: only a new sign-in through the provider is fresh (decision 0040), or a passkey.
  if (method === "oidc") {
    return (
      <div className={className} role="alert">
        <p>{t(passkey ? "stepUp.oidcPasskey" : "stepUp.oidc", { purpose })}</p>
        {shownError && <p className="step-up-form__error">{shownError}</p>}
        <div className="step-up-form__buttons">
          {passkeyButton}
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {t("stepUp.cancel")}
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
      aria-label={t("stepUp.label")}
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
        label={pin ? t("stepUp.pin") : t("stepUp.password")}
        name={pin ? "pin" : "password"}
        type="password"
        inputMode={pin ? "numeric" : undefined}
        autoComplete="current-password"
        hint={t("stepUp.hint", { purpose })}
        error={shownError ?? undefined}
        value={secret}
        onChange={(event) => setSecret(event.target.value)}
      />
      <div className="step-up-form__buttons">
        <button type="submit" className="button" disabled={busy || prompting || !secret}>
          {busy ? t("stepUp.checking") : t("stepUp.confirm")}
        </button>
        {passkeyButton}
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t("stepUp.cancel")}
        </button>
      </div>
    </form>
  );
}
