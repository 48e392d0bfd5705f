import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const apiTokensQueryKey = ["apiTokens"] as const;

/** The signed-in user's API tokens (never the secrets, which are shown once on creation). */
export function useApiTokens() {
  const api = useApi();
  return useQuery({ queryKey: apiTokensQueryKey, queryFn: async () => (await api.self.users.listTokens()).tokens });
}

/** After creating or revoking a token the list is stale. Not awaited, like useInvalidateCircle. */
export function useInvalidateApiTokens() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: apiTokensQueryKey });
}
