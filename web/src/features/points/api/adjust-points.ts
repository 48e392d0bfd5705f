import type { AdjustPointsRequest } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** An admin's adjustment, as themselves (never while viewing as someone). */
export function useAdjustPoints(userId: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AdjustPointsRequest) => api.self.circles.adjustPoints(userId, request),
    onSuccess: () => {
      for (const queryKey of [["points", userId], ["members"]]) void queryClient.invalidateQueries({ queryKey });
    },
  });
}
