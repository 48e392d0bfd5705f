import type { ChecklistItem, Chore, ChorusClient } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { memberChoresQueryKey } from "./get-member-chores";

/** Ticking a checklist item on the tablet, for the picked member (decision 0032). */
export function useTickMemberChecklistItem(tabletMember: ChorusClient, memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ chore, item, ticked }: { chore: Chore; item: ChecklistItem; ticked: boolean }) =>
      tabletMember.chores.tick(chore.id, item.id, { ticked, dueDate: chore.nextDueDate }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: memberChoresQueryKey(memberId) }),
  });
}
