import { useQueryClient } from "@tanstack/react-query";

/** After a change to the circle or its members, every cached view of them is stale. */
export function useInvalidateCircle() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["circle"] }),
      queryClient.invalidateQueries({ queryKey: ["members"] }),
      queryClient.invalidateQueries({ queryKey: ["me"] }),
    ]);
}
