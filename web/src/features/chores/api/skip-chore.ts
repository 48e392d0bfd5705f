import type { Chore } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

export function useSkipChore() {
  const api = useApi();
  return useMutation({
    // `whole`: an everyone chore's whole occurrence, every open part (decision 0035).
    mutationFn: ({ chore, note, whole }: { chore: Chore; note?: string; whole?: boolean }) =>
      api.acting.chores.skip(chore.id, { dueDate: chore.nextDueDate, ...(note ? { note } : {}), ...(whole ? { whole } : {}) }),
    onSuccess: useRefreshChores(),
    onError: useRefetchChoresOnError(),
  });
}
