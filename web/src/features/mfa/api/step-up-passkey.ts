import { useApi } from "../../../lib/api-client";

/**
 * Proves a second factor with one of the signed-in person's passkeys (a proof for disabling, regenerating,
 * deleting, and the act-as step-up). The WebAuthn library is loaded on first use: the tasks page offers this.
 */
export function useStepUpPasskey() {
  const api = useApi();
  return async () => {
    const [{ passkeyAnswer }, options] = await Promise.all([import("../webauthn"), api.self.users.stepUpPasskeyOptions()]);
    return { passkey: await passkeyAnswer(options) };
  };
}
