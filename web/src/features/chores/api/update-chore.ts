import type { UpdateChoreRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefreshChores } from "./chore-cache";

/** Refused while viewing as someone, so it always goes as yourself. */
export function useUpdateChore(choreId: number) {
  const api = useApi();
  const refresh = useRefreshChores();
  return useMutation({ mutationFn: (body: UpdateChoreRequest) => api.self.chores.update(choreId, body), onSuccess: refresh });
}
