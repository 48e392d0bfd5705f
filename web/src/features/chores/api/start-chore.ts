import type { Chore } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

/** Starts (or resumes) the chore's timer. */
export function useStartChore() {
  const api = useApi();
  return useMutation({
    mutationFn: (chore: Chore) => api.acting.chores.start(chore.id),
    onSuccess: useRefreshChores(),
    onError: useRefetchChoresOnError(),
  });
}
