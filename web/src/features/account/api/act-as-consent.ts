import type { ActAsConsent } from "@chorus/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const actAsConsentQueryKey = ["act-as-consent"] as const;

/** Who may act as the signed-in person (decision 0023). */
export function useActAsConsent() {
  const api = useApi();
  return useQuery({ queryKey: actAsConsentQueryKey, queryFn: () => api.self.users.actAsConsent() });
}

export function useSetActAsConsent() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (consent: ActAsConsent) => api.self.users.setActAsConsent({ consent }),
    onSuccess: (setting) => queryClient.setQueryData(actAsConsentQueryKey, setting),
  });
}
