import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { ErrorAlert } from "../../../components/status";
import { usePasskeySignIn } from "../api/passkey-sign-in";

/** Sign in with a passkey alone; hidden where the browser has no WebAuthn. */
export function PasskeySignInButton({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = usePasskeySignIn();
  if (!browserSupportsWebAuthn()) return null;
  return (
    <>
      {signIn.isError && <ErrorAlert error={signIn.error} />}
      <p>
        <button
          type="button"
          className="button"
          disabled={signIn.isPending}
          onClick={() => signIn.mutate(undefined, { onSuccess: onSignedIn })}
        >
          {signIn.isPending ? "Waiting for the passkey…" : "Sign in with a passkey"}
        </button>
      </p>
    </>
  );
}
