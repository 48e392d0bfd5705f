import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useStartSession } from "../../auth/api/sign-in";
import { passkeyAnswer } from "../webauthn";

/** Signs in with a passkey alone: the browser offers the ones it has for this site, no username needed. */
export function usePasskeySignIn() {
  const api = useApi();
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async () => api.self.auth.passkeyLogin(await passkeyAnswer(await api.self.auth.passkeyOptions())),
    onSuccess: startSession,
  });
}
