import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/**
 * DELETE /impersonation, best effort: leaving "View tasks as" must work even when the
 * server cannot be reached (the session then simply runs out).
 */
export function useEndImpersonation() {
  const api = useApi();
  return useMutation({
    mutationFn: async () => {
      // Callers clear the selector first; what was already sent with it is answered before the end.
      await api.actingSettled();
      await api.self.impersonation.end().catch(() => undefined);
    },
  });
}
