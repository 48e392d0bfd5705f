import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

const circleQueryKey = (actingAs: number | null) => ["circle", actingAs] as const;

/** The current circle, as the person being acted as sees it (no invite code for members). */
export function useCircle() {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({ queryKey: circleQueryKey(actingAs), queryFn: () => api.acting.circles.current() });
}
