import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { ErrorAlert } from "../../../components/status";
import { useAuthOptions } from "../../sso/api/get-auth-options";
import { usePasskeySignIn } from "../api/passkey-sign-in";

/** Sign in with a passkey alone; hidden where the server has no passkeys set up or the browser has no WebAuthn. */
export function PasskeySignInButton({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = usePasskeySignIn();
  const options = useAuthOptions();
  if (!options.data?.passkeys || !browserSupportsWebAuthn()) return null;
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
