import type { ActAsConsent, ActAsConsentSetting } from "@chorus/shared";
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
    // The choice shows at once (a radio button that lags reads as not taken); a failure puts the saved one back.
    // A read still in flight would land the old choice on top of it afterwards: cancel it first.
    onMutate: async (consent) => {
      await queryClient.cancelQueries({ queryKey: actAsConsentQueryKey });
      queryClient.setQueryData<ActAsConsentSetting>(actAsConsentQueryKey, (old) => old && { ...old, consent });
    },
    onSuccess: (setting) => queryClient.setQueryData(actAsConsentQueryKey, setting),
    onError: () => void queryClient.invalidateQueries({ queryKey: actAsConsentQueryKey }),
  });
}
