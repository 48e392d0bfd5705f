import type { MfaLoginRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useStartSession } from "../../auth/api/sign-in";
import { passkeyAnswer } from "../webauthn";

/** The second step of a password sign-in: a code, a recovery code, or (`passkey: true`) one of the person's passkeys. */
export function useSecondStep() {
  const api = useApi();
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (step: MfaLoginRequest | { mfaToken: string; passkey: true }) => {
      if (step.passkey === true) {
        const passkey = await passkeyAnswer(await api.self.auth.mfaPasskeyOptions({ mfaToken: step.mfaToken }));
        return api.self.auth.mfaLogin({ mfaToken: step.mfaToken, passkey });
      }
      return api.self.auth.mfaLogin(step);
    },
    onSuccess: startSession,
  });
}
