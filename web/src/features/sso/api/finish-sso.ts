import type { SsoCallbackRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useStartSession } from "../../auth/api/sign-in";

/** The provider's code and state to the server, which answers with a session as the password sign-in does. */
export function useFinishSso() {
  const api = useApi();
  const startSession = useStartSession();
  return useMutation({ mutationFn: (body: SsoCallbackRequest) => api.self.auth.ssoCallback(body), onSuccess: startSession });
}
