import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/**
 * POST /impersonation/extend with the impersonation header: the impersonation session ends a
 * full limit from now. The banner's countdown reads the new end from GET /users/me.
 */
export function useExtendImpersonation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.acting.impersonation.extend(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["me"] }),
  });
}
