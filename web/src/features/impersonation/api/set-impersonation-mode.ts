import type { SetImpersonationModeRequest } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/**
 * PATCH /impersonation with the impersonation header: view only ↔ view and act. The
 * banner reads the mode from GET /users/me, and the chores' `abilities.canAct` follow it.
 */
export function useSetImpersonationMode() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetImpersonationModeRequest) => api.acting.impersonation.setMode(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["me"] });
      void queryClient.invalidateQueries({ queryKey: ["chores"] });
    },
  });
}
