import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

/** Calls `onError` for every failed query or mutation, wherever it was started. */
export function useApiErrorListener(onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") onError(event.action.error);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error") onError(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, onError]);
}
