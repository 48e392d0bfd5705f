import type { Chore, ChorusClient } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { memberChoresQueryKey } from "./get-member-chores";

/** "Done" on the tablet, for the picked member; a photo is uploaded first and named by the do (decision 0030). */
export function useDoMemberChore(tabletMember: ChorusClient, memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    // The due date names the occurrence on screen: a second tap on another tablet gets stale_occurrence.
    mutationFn: async ({ chore, photo }: { chore: Chore; photo: File | null }) => {
      const uploaded = photo ? await tabletMember.photos.upload(chore.id, photo) : null;
      return tabletMember.chores.do(chore.id, { dueDate: chore.nextDueDate, ...(uploaded ? { photoId: uploaded.id } : {}) });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: memberChoresQueryKey(memberId) }),
  });
}
