import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { clearOfflineData } from "../../offline/api/offline-store";
import { resetQueueView } from "../../offline/api/queued-actions";

/**
 * Ends the session on the server (best effort: a dead network must not keep you signed
 * in here) and forgets the token, the "View tasks as" choice, every cached answer, and what
 * this device kept for offline: the last tasks page and unsent taps (decision 0043).
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
      resetQueueView();
      void clearOfflineData().catch(() => undefined); // no IndexedDB: nothing was kept
    },
  });
}
