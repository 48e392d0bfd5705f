import type { StartImpersonationRequest } from "@chorus/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** Live `members` hints refresh it (lib/live-updates.ts): a request, grant or decline shows on both screens. */
export const actAsRequestsQueryKey = ["act-as-requests"] as const;

/**
 * "Ask me first" requests (decision 0023): those asking the signed-in person, and their own.
 * Always as the signed-in person (`api.self`): consent is never given while acting as someone.
 */
export function useActAsRequests(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: actAsRequestsQueryKey,
    queryFn: () => api.self.impersonation.requests(),
    enabled,
    // A pending request expires on the server's clock; a minute is soon enough to drop it.
    refetchInterval: 60_000,
  });
}

export function useRequestActAs() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartImpersonationRequest) => api.self.impersonation.request(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: actAsRequestsQueryKey }),
  });
}

export function useAnswerActAsRequest() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: number; answer: "grant" | "decline" }) =>
      answer === "grant" ? api.self.impersonation.grant(id) : api.self.impersonation.decline(id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: actAsRequestsQueryKey }),
  });
}
