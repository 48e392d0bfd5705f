import { useApi } from "../../../lib/api-client";
import { passkeyAnswer } from "../webauthn";

/** Proves a second factor with one of the signed-in person's passkeys (a proof for disabling, regenerating, deleting). */
export function useStepUpPasskey() {
  const api = useApi();
  return async () => ({ passkey: await passkeyAnswer(await api.self.users.stepUpPasskeyOptions()) });
}
