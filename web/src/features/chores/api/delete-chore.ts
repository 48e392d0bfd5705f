import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/**
 * Deletes a chore and its history for good. Refused while viewing as someone, so it
 * always goes as yourself. Only the lists are refetched: the page that deleted the chore
 * leaves it, and refetching its details would only fetch a 404.
 */
export function useDeleteChore(choreId: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.self.chores.remove(choreId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["chores"], predicate: (query) => query.queryKey[2] === "list" }),
  });
}
