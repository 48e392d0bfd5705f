import { useInfiniteQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

/**
 * A member's points ledger, newest first, one page at a time. Through the acting client:
 * while viewing as a member it shows their own history (decision 0025).
 */
export function useMemberPoints(userId: number) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useInfiniteQuery({
    queryKey: ["points", userId, actingAs] as const,
    queryFn: ({ pageParam }) => api.acting.circles.memberPoints(userId, pageParam ? { before: pageParam } : {}),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}
