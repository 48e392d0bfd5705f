import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/status";
import { useAuthOptions } from "../../sso/api/get-auth-options";
import { usePasskeySignIn } from "../api/passkey-sign-in";

/** Sign in with a passkey alone; hidden where the server has no passkeys set up or the browser has no WebAuthn. */
export function PasskeySignInButton({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation("mfa");
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
          {signIn.isPending ? t("passkeySignIn.waiting") : t("passkeySignIn.submit")}
        </button>
      </p>
    </>
  );
}
