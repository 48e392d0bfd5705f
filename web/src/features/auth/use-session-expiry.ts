import { ChorusApiError } from "@chorus/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useNotify } from "../../components/notices";
import { useApi } from "../../lib/api-client";

/** A 401 anywhere means the session is gone (signed out elsewhere, expired): back to sign-in. */
export function useSessionExpiry() {
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  useEffect(() => {
    const onError = (error: unknown) => {
      if (!(error instanceof ChorusApiError) || error.code !== "unauthenticated" || api.getSession().token === null) return;
      api.setToken(null);
      queryClient.clear();
      notify("info", "Your session has ended. Please sign in again.");
    };
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
  }, [api, queryClient, notify]);
}
