import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateMfaStatus } from "./get-mfa-status";

/** Turns the app on with its first code; answers the recovery codes, shown once. */
export function useConfirmTotp() {
  const api = useApi();
  const invalidate = useInvalidateMfaStatus();
  return useMutation({ mutationFn: (code: string) => api.self.users.confirmTotp({ code }), onSuccess: invalidate });
}
