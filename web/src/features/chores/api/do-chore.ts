import type { Chore } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

/**
 * Marks the occurrence the user saw as done (as the person being viewed as, if any).
 * Sending its due date makes a second completion of it fail with stale_occurrence. A
 * photo is uploaded first and named by the do (decision 0030).
 */
export function useDoChore() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = useRefreshChores();
  return useMutation({
    mutationFn: async ({ chore, note, photo }: { chore: Chore; note?: string; photo?: File | null }) => {
      const uploaded = photo ? await api.acting.photos.upload(chore.id, photo) : null;
      return api.acting.chores.do(chore.id, {
        dueDate: chore.nextDueDate,
        ...(note ? { note } : {}),
        ...(uploaded ? { photoId: uploaded.id } : {}),
      });
    },
    onSuccess: (chore) => {
      refresh(chore);
      void queryClient.invalidateQueries({ queryKey: ["members"] }); // points changed
    },
    onError: useRefetchChoresOnError(),
  });
}
