import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const joinRequestsQueryKey = ["joinRequests"] as const;

/** The signed-in user's own pending requests to join circles (never the member viewed as). */
export function useJoinRequests() {
  const api = useApi();
  return useQuery({ queryKey: joinRequestsQueryKey, queryFn: async () => (await api.self.circles.joinRequests()).requests });
}

/** After asking to join or withdrawing, the list of one's own requests is stale. Not awaited, like useInvalidateCircle. */
export function useInvalidateJoinRequests() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: joinRequestsQueryKey });
}
