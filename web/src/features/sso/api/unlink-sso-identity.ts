import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateSsoIdentities } from "./get-sso-identities";

export function useUnlinkSsoIdentity() {
  const api = useApi();
  const invalidate = useInvalidateSsoIdentities();
  return useMutation({ mutationFn: (id: number) => api.self.users.unlinkSsoIdentity(id), onSuccess: invalidate });
}
