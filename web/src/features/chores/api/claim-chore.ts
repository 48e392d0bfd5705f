import type { Chore } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

/** Claims an anyone chore (or releases the claim) for the member acted as, if any (decision 0035). */
export function useClaimChore() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ chore, claim }: { chore: Chore; claim: boolean }) =>
      claim ? api.acting.chores.claim(chore.id, {}) : api.acting.chores.release(chore.id, {}),
    onSuccess: useRefreshChores(),
    onError: useRefetchChoresOnError(),
  });
}
