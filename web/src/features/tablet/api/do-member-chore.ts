import type { Chore, ChorusClient } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { memberChoresQueryKey } from "./get-member-chores";

/** "Done" on the tablet, for the picked member. */
export function useDoMemberChore(tabletMember: ChorusClient, memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    // The due date names the occurrence on screen: a second tap on another tablet gets stale_occurrence.
    mutationFn: (chore: Chore) => tabletMember.chores.do(chore.id, { dueDate: chore.nextDueDate }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: memberChoresQueryKey(memberId) }),
  });
}
