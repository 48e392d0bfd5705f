import type { Chore } from "@chorus/shared";
import { useQueryClient } from "@tanstack/react-query";

/**
 * After a write: show the chore the API returned at once in every cached view (instant
 * feedback), then refetch the lists, since the change can move it between groups or lists.
 * The refetch is not awaited, so the caller's success message shows even if the card
 * that started the action moves to another group and remounts.
 */
export function useRefreshChores() {
  const queryClient = useQueryClient();
  return (chore: Chore) => {
    queryClient.setQueriesData<Chore>(
      { queryKey: ["chores"], predicate: (query) => query.queryKey[2] === "detail" && query.queryKey[3] === chore.id },
      chore,
    );
    queryClient.setQueriesData<Chore[]>({ queryKey: ["chores"], predicate: (query) => query.queryKey[2] === "list" }, (chores) =>
      chores?.map((cached) => (cached.id === chore.id ? chore : cached)),
    );
    void queryClient.invalidateQueries({ queryKey: ["chores"] });
  };
}

/** A refused action usually means the chore changed meanwhile: show what it is now. */
export function useRefetchChoresOnError() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["chores"] });
  };
}
