import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateApiTokens } from "./get-api-tokens";

export function useRevokeApiToken() {
  const api = useApi();
  const invalidate = useInvalidateApiTokens();
  return useMutation({ mutationFn: (id: number) => api.self.users.revokeToken(id), onSuccess: invalidate });
}
