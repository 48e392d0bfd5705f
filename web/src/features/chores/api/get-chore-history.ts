import { useInfiniteQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

const choreHistoryQueryKey = (actingAs: number | null, choreId: number) => ["chores", actingAs, "history", choreId] as const;

/** A chore's history, newest first, one page at a time ("Show older" fetches the next). */
export function useChoreHistory(choreId: number) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useInfiniteQuery({
    queryKey: choreHistoryQueryKey(actingAs, choreId),
    queryFn: ({ pageParam }) => api.acting.chores.history(choreId, pageParam ? { before: pageParam } : {}),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    select: (data) => data.pages.flatMap((page) => page.history),
  });
}
