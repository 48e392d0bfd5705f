import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const actedForMeQueryKey = ["actedForMe"] as const;

/** What others did as you, newest first, one page at a time ("Show older" fetches the next). */
export function useActedForMe() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...actedForMeQueryKey, "list"],
    queryFn: ({ pageParam }) => api.self.users.actedForMe(pageParam ? { before: pageParam } : {}),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** How many entries are new since you last opened the page, for the navigation badge. */
export function useActedForMeUnreadCount(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...actedForMeQueryKey, "unread"],
    queryFn: async () => (await api.self.users.actedForMe({ limit: "1" })).unreadCount,
    enabled,
    refetchInterval: 60_000,
  });
}

export function useInvalidateActedForMe() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: actedForMeQueryKey });
}
