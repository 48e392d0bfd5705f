import type { CreateRewardRequest, RewardRequestStatus, UpdateRewardRequest } from "@chorus/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

/** Rewards and requests change points: after any of these, balances and histories are stale too. */
function useInvalidateRewards() {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [["rewards"], ["rewardRequests"], ["members"], ["points"]]) void queryClient.invalidateQueries({ queryKey });
  };
}

/** The rewards on offer to the viewer (all of them for admins and managers as themselves). */
export function useRewards() {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({ queryKey: ["rewards", actingAs], queryFn: async () => (await api.acting.rewards.list()).rewards });
}

/** Requests, newest first: the viewer's own, or the circle's for admins and managers. */
export function useRewardRequests(status?: RewardRequestStatus) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({
    queryKey: ["rewardRequests", actingAs, status ?? "all"],
    queryFn: async () => (await api.acting.rewards.requests(status ? { status } : {})).requests,
  });
}

/** Asking for a reward, as the viewer (or the member viewed as, in an act session). */
export function useRequestReward() {
  const api = useApi();
  const invalidate = useInvalidateRewards();
  return useMutation({ mutationFn: (rewardId: number) => api.acting.rewards.request(rewardId), onSuccess: invalidate });
}

export function useCreateReward() {
  const api = useApi();
  const invalidate = useInvalidateRewards();
  return useMutation({ mutationFn: (request: CreateRewardRequest) => api.self.rewards.create(request), onSuccess: invalidate });
}

export function useUpdateReward() {
  const api = useApi();
  const invalidate = useInvalidateRewards();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UpdateRewardRequest }) => api.self.rewards.update(id, changes),
    onSuccess: invalidate,
  });
}

/** No longer on offer; its requests stay, and so do their held points until decided. */
export function useArchiveReward() {
  const api = useApi();
  const invalidate = useInvalidateRewards();
  return useMutation({ mutationFn: (id: number) => api.self.rewards.archive(id), onSuccess: invalidate });
}

export type RewardDecision = "approve" | "decline" | "refund";

/** An admin's or manager's decision, as themselves. */
export function useDecideRewardRequest() {
  const api = useApi();
  const invalidate = useInvalidateRewards();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: number; decision: RewardDecision; note?: string }) =>
      api.self.rewards[decision](id, note ? { note } : {}),
    onSuccess: invalidate,
  });
}
