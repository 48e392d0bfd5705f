import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/**
 * Ends the session on the server (best effort: a dead network must not keep you signed
 * in here) and forgets the token, the "View tasks as" choice and every cached answer.
 */
export function useSignOut() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.self.auth.logout().catch(() => undefined);
    },
    onSettled: () => {
      api.setToken(null);
      queryClient.clear();
    },
  });
}
