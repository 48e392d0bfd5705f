import type { Chore, ChorusClient } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { memberChoresQueryKey } from "./get-member-chores";

/** "Claim" (or "Release") on the tablet, for the picked member (decision 0035). */
export function useClaimMemberChore(tabletMember: ChorusClient, memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ chore, claim }: { chore: Chore; claim: boolean }) =>
      claim ? tabletMember.chores.claim(chore.id, {}) : tabletMember.chores.release(chore.id, {}),
    // Refreshed either way: a refused claim means someone else has it now.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: memberChoresQueryKey(memberId) }),
  });
}
