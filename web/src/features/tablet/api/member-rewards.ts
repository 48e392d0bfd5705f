import type { ChorusClient } from "@chorus/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

/** Everything the tablet holds about one member's rewards; forgotten with their chores. */
export const memberRewardsQueryKey = (memberId: number) => ["tablet-rewards", memberId] as const;

/** How many of the member's latest requests the tablet shows. */
const SHOWN_REQUESTS = 5;

/** The rewards offered to the picked member and their points to spend. */
export function useMemberRewards(tabletMember: ChorusClient, memberId: number) {
  return useQuery({ queryKey: [...memberRewardsQueryKey(memberId), "offer"], queryFn: () => tabletMember.rewards.list(), retry: false });
}

/** The picked member's latest requests, newest first, with their status. */
export function useMemberRewardRequests(tabletMember: ChorusClient, memberId: number) {
  return useQuery({
    queryKey: [...memberRewardsQueryKey(memberId), "requests"],
    queryFn: async () => (await tabletMember.rewards.requests({ limit: String(SHOWN_REQUESTS) })).requests,
    retry: false,
  });
}

/** "Ask for it" on the tablet: the cost is held from the member's points until an admin or manager decides. */
export function useRequestMemberReward(tabletMember: ChorusClient, memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rewardId: number) => tabletMember.rewards.request(rewardId),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: memberRewardsQueryKey(memberId) }),
  });
}
