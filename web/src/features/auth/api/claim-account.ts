import type { ClaimAccountRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useStartSession } from "./sign-in";

/** An imported account's one-time link and the password its person chose (decision 0045): a sign-in like the password one. */
export function useClaimAccount() {
  const api = useApi();
  const startSession = useStartSession();
  return useMutation({ mutationFn: (body: ClaimAccountRequest) => api.self.auth.claimAccount(body), onSuccess: startSession });
}
