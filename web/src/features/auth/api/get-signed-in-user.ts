import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession, type Api } from "../../../lib/api-client";

/** Keyed like the impersonation feature's acting user: `null` = yourself. */
export const signedInUserQueryKey = ["me", null] as const;

export const signedInUserQuery = (api: Api) => ({ queryKey: signedInUserQueryKey, queryFn: () => api.self.users.me() });

/** The person who signed in (never the member being viewed as). */
export function useSignedInUser() {
  const api = useApi();
  const { token } = useApiSession();
  return useQuery({ ...signedInUserQuery(api), enabled: token !== null });
}
