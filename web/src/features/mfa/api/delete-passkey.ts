import type { MfaProof } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateMfaStatus } from "./get-mfa-status";

export function useDeletePasskey() {
  const api = useApi();
  const invalidate = useInvalidateMfaStatus();
  return useMutation({
    mutationFn: ({ id, proof }: { id: number; proof: MfaProof }) => api.self.users.deletePasskey(id, proof),
    onSuccess: invalidate,
  });
}
