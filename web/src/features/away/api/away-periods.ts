import type { CreateAwayPeriodRequest } from "@chorus/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

const awayQueryKey = ["awayPeriods"] as const;

/** Away periods and circle pauses not yet over (decision 0034), as the member viewed as sees them. */
export function useAwayPeriods() {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({ queryKey: [...awayQueryKey, actingAs], queryFn: async () => (await api.acting.circles.awayPeriods()).periods });
}

function useInvalidateAway() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: awayQueryKey });
}

/** Setting away days is always your own act, never while acting as someone. */
export function useCreateAwayPeriod() {
  const api = useApi();
  const invalidate = useInvalidateAway();
  return useMutation({ mutationFn: (input: CreateAwayPeriodRequest) => api.self.circles.createAwayPeriod(input), onSuccess: invalidate });
}

export function useDeleteAwayPeriod() {
  const api = useApi();
  const invalidate = useInvalidateAway();
  return useMutation({ mutationFn: (id: number) => api.self.circles.deleteAwayPeriod(id), onSuccess: invalidate });
}
