import type { ChecklistItem, Chore } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

/** Ticks or unticks a checklist item for the occurrence on screen, for whoever the app acts as (decision 0032). */
export function useTickChecklistItem() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ chore, item, ticked }: { chore: Chore; item: ChecklistItem; ticked: boolean }) =>
      api.acting.chores.tick(chore.id, item.id, { ticked, dueDate: chore.nextDueDate }),
    onSuccess: useRefreshChores(),
    onError: useRefetchChoresOnError(),
  });
}
