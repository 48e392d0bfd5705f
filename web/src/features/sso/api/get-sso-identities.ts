import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const ssoIdentitiesQueryKey = ["ssoIdentities"] as const;

/** The single sign-on accounts linked to the signed-in user. */
export function useSsoIdentities() {
  const api = useApi();
  return useQuery({ queryKey: ssoIdentitiesQueryKey, queryFn: async () => (await api.self.users.ssoIdentities()).identities });
}

export function useInvalidateSsoIdentities() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ssoIdentitiesQueryKey });
}
