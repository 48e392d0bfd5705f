import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession, type Api } from "../../../lib/api-client";

export const circleQuery = (api: Api, actingAs: number | null) => ({
  queryKey: ["circle", actingAs] as const,
  queryFn: () => api.acting.circles.current(),
});

/** The current circle, as the person being acted as sees it (no invite code for members). */
export function useCircle() {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery(circleQuery(api, actingAs));
}
