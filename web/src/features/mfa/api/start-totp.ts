import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** A new authenticator-app secret, not on until confirmed with a code. */
export function useStartTotp() {
  const api = useApi();
  return useMutation({ mutationFn: () => api.self.users.startTotp() });
}
