import type { StartImpersonationRequest } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/**
 * POST /impersonation: starts a time-limited impersonation session (with an optional reason for
 * the audit log) before the header is sent. A restart gives a new expiry, so the cached
 * GET /users/me answers are stale.
 */
/** While a start is on its way, the session it replaces ends: this tab is switching, not leaving. */
export const START_IMPERSONATION_KEY = ["impersonation", "start"];

export function useStartImpersonation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: START_IMPERSONATION_KEY,
    mutationFn: (body: StartImpersonationRequest) => api.self.impersonation.start(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["me"] }),
  });
}
