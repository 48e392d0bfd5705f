import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

/**
 * The circle's statistics (decision 0029), through the acting client: while viewing as a
 * member they count only what that member may see. Refreshed by live chore updates.
 */
export function useStatistics(weeks: number, memberId: number | null) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({
    queryKey: ["statistics", actingAs, weeks, memberId] as const,
    queryFn: () => api.acting.circles.statistics(memberId === null ? { weeks } : { weeks, memberId }),
  });
}
