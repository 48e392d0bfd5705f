import type { MfaProof } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateMfaStatus } from "./get-mfa-status";

/** New recovery codes in place of all the old ones. */
export function useRegenerateRecoveryCodes() {
  const api = useApi();
  const invalidate = useInvalidateMfaStatus();
  return useMutation({ mutationFn: (proof: MfaProof) => api.self.users.regenerateRecoveryCodes(proof), onSuccess: invalidate });
}
