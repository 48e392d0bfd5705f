import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const mfaStatusQueryKey = ["mfaStatus"] as const;

/** The signed-in person's second factors: TOTP, recovery codes left, passkeys. */
export function useMfaStatus() {
  const api = useApi();
  return useQuery({ queryKey: mfaStatusQueryKey, queryFn: () => api.self.users.mfa() });
}

/** After any change to the factors the status is stale. Not awaited, like useInvalidateApiTokens. */
export function useInvalidateMfaStatus() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: mfaStatusQueryKey });
}
