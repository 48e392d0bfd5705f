import type { Chore } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

export function usePauseChore() {
  const api = useApi();
  return useMutation({
    mutationFn: (chore: Chore) => api.acting.chores.pause(chore.id),
    onSuccess: useRefreshChores(),
    onError: useRefetchChoresOnError(),
  });
}
