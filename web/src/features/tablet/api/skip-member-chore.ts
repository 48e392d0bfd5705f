import type { Chore, ChorusClient } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { memberChoresQueryKey } from "./get-member-chores";

/** "Skip" on the tablet, for the picked member. */
export function useSkipMemberChore(tabletMember: ChorusClient, memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    // The due date names the occurrence on screen: a second tap on another tablet gets stale_occurrence.
    mutationFn: (chore: Chore) => tabletMember.chores.skip(chore.id, { dueDate: chore.nextDueDate }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: memberChoresQueryKey(memberId) }),
  });
}
