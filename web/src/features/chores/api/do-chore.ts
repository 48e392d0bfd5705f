import type { Chore } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

/**
 * Marks the occurrence the user saw as done (as the person being viewed as, if any).
 * Sending its due date makes a second completion of it fail with stale_occurrence.
 */
export function useDoChore() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = useRefreshChores();
  return useMutation({
    mutationFn: ({ chore, note }: { chore: Chore; note?: string }) =>
      api.acting.chores.do(chore.id, { dueDate: chore.nextDueDate, ...(note ? { note } : {}) }),
    onSuccess: (chore) => {
      refresh(chore);
      void queryClient.invalidateQueries({ queryKey: ["members"] }); // points changed
    },
    onError: useRefetchChoresOnError(),
  });
}
