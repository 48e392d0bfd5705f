import { ChorusApiError, pinLoginRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { usePinSignIn } from "../api/pin-sign-in";

/** "Locked until 10:45": the server says when in `details.lockedUntil`. */
function lockedMessage(error: unknown): string {
  const until =
    error instanceof ChorusApiError && typeof error.details?.lockedUntil === "string" ? new Date(error.details.lockedUntil) : null;
  const when =
    until && !Number.isNaN(until.getTime())
      ? ` until ${until.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`
      : " for a few minutes";
  return `Too many wrong PINs: PIN sign-in is locked${when}. Try again then, or ask a parent to unlock it.`;
}

/** Sign-in for children's accounts: the username a parent chose and a 4-8 digit PIN. */
export function PinSignInForm({ onSignedIn }: { onSignedIn: () => void }) {
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
            ? "That username and PIN do not match. After several wrong PINs, PIN sign-in locks for a few minutes."
            : hasErrorCode(error, "pin_locked")
              ? lockedMessage(error)
              : errorMessage(error),
        ),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Sign in with a PIN">
      <FormErrorSummary errors={errors} shownFields={["username", "pin"]} formError={formError} />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={errorFor(errors, "username")}
        required
      />
      <TextField
        label="PIN"
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
        {signIn.isPending ? "Signing in…" : "Sign in with PIN"}
      </button>
    </form>
  );
}
