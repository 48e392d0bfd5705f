import type { Chore } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

export function useSkipChore() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ chore, note }: { chore: Chore; note?: string }) =>
      api.acting.chores.skip(chore.id, { dueDate: chore.nextDueDate, ...(note ? { note } : {}) }),
    onSuccess: useRefreshChores(),
    onError: useRefetchChoresOnError(),
  });
}
