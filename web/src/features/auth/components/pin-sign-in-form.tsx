import { ChorusApiError, pinLoginRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { i18next, locale } from "../../../lib/i18n";
import { useFormErrors } from "../../../lib/use-form-errors";
import { usePinSignIn } from "../api/pin-sign-in";

/** "Locked until 10:45": the server says when in `details.lockedUntil`. */
function lockedMessage(error: unknown): string {
  const until =
    error instanceof ChorusApiError && typeof error.details?.lockedUntil === "string" ? new Date(error.details.lockedUntil) : null;
  return until && !Number.isNaN(until.getTime())
    ? i18next.t("auth:pinSignIn.lockedUntil", { time: until.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" }) })
    : i18next.t("auth:pinSignIn.lockedForMinutes");
}

/** Sign-in for children's accounts: the username a parent chose and a 4-8 digit PIN. */
export function PinSignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation("auth");
  const signIn = usePinSignIn();
  const [username, setUsername] = useState("");
  const [pin, setPin] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(pinLoginRequestSchema, { username: username.trim(), pin });
    if (!request) return;
    signIn.mutate(request, {
      onSuccess: onSignedIn,
      onError: (error) =>
        showFailure(
          error,
          hasErrorCode(error, "invalid_credentials")
            ? t("pinSignIn.noMatch")
            : hasErrorCode(error, "pin_locked")
              ? lockedMessage(error)
              : errorMessage(error),
        ),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t("pinSignIn.form")}>
      <FormErrorSummary errors={errors} shownFields={["username", "pin"]} formError={formError} />
      <TextField
        label={t("pinSignIn.username")}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={errorFor(errors, "username")}
        required
      />
      <TextField
        label={t("pinSignIn.pin")}
        name="pin"
        type="password"
        inputMode="numeric"
        autoComplete="current-password"
        value={pin}
        onChange={(e) => setPin(e.target.value)}
        error={errorFor(errors, "pin")}
        required
      />
      <button type="submit" className="button button--primary" disabled={signIn.isPending}>
        {signIn.isPending ? t("pinSignIn.submitting") : t("pinSignIn.submit")}
      </button>
    </form>
  );
}
