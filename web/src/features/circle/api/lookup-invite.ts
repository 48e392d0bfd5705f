import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** The name of the circle an invite code leads to; needs no sign-in. A wrong code is not retried. */
export function useInviteLookup(inviteCode: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ["invite", inviteCode],
    queryFn: () => api.self.circles.lookupInvite({ inviteCode: inviteCode! }),
    enabled: inviteCode !== null,
    retry: false,
  });
}
