import type { MfaProof } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateMfaStatus } from "./get-mfa-status";

export function useDisableTotp() {
  const api = useApi();
  const invalidate = useInvalidateMfaStatus();
  return useMutation({ mutationFn: (proof: MfaProof) => api.self.users.disableTotp(proof), onSuccess: invalidate });
}
