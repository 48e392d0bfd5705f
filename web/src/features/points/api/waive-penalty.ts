import type { WaivePenaltyRequest } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** An admin gives a missed chore's penalty back, as themselves (decision 0028). */
export function useWaivePenalty(userId: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, request }: { entryId: number; request: WaivePenaltyRequest }) =>
      api.self.circles.waivePenalty(userId, entryId, request),
    onSuccess: () => {
      for (const queryKey of [["points", userId], ["members"]]) void queryClient.invalidateQueries({ queryKey });
    },
  });
}
