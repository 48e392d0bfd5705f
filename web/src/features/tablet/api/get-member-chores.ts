import type { ChorusClient } from "@chorus/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";

export const memberChoresQueryKey = (memberId: number) => ["tablet-chores", memberId] as const;

/** The picked member's chores, through a client that carries the member (and PIN) headers. */
export function useMemberChores(tabletMember: ChorusClient, memberId: number) {
  return useQuery({
    queryKey: memberChoresQueryKey(memberId),
    queryFn: async () => (await tabletMember.chores.list()).chores.filter((chore) => !chore.finishedAt),
    retry: false,
  });
}

/** Nothing of one member's chores or rewards may show for the next person at the tablet. */
export function useForgetMember() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.removeQueries({ queryKey: ["tablet-chores"] });
    queryClient.removeQueries({ queryKey: ["tablet-rewards"] });
  };
}
