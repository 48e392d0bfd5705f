import type { PinLoginRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useStartSession } from "./sign-in";

/** A child's sign-in on a family device: username and PIN. */
export function usePinSignIn() {
  const api = useApi();
  const startSession = useStartSession();
  return useMutation({ mutationFn: (body: PinLoginRequest) => api.self.auth.pinLogin(body), onSuccess: startSession });
}
