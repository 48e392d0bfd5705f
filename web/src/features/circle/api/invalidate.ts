import { useQueryClient } from "@tanstack/react-query";

/**
 * After a change to the circle or its members, every cached view of them is stale.
 * Not awaited: the caller's own success callback must run before the refetch can
 * unmount the row that started the change.
 */
export function useInvalidateCircle() {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [["circle"], ["members"], ["me"]]) void queryClient.invalidateQueries({ queryKey });
  };
}
