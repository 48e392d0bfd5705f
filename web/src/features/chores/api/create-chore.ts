import type { CreateChoreRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useRefreshChores } from "./chore-cache";

/** Refused while viewing as someone, so it always goes as yourself. */
export function useCreateChore() {
  const api = useApi();
  const refresh = useRefreshChores();
  return useMutation({ mutationFn: (body: CreateChoreRequest) => api.self.chores.create(body), onSuccess: refresh });
}
