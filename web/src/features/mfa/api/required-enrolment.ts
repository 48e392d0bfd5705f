import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** An admin whose circle requires a second step: a secret for the app, with the sign-in's mfaToken. */
export function useStartRequiredEnrolment() {
  const api = useApi();
  return useMutation({ mutationFn: (mfaToken: string) => api.self.auth.mfaEnrol({ mfaToken }) });
}

/** Its first code: answers the sign-in and the recovery codes; the caller starts the session once they are seen. */
export function useConfirmRequiredEnrolment() {
  const api = useApi();
  return useMutation({ mutationFn: (body: { mfaToken: string; code: string }) => api.self.auth.mfaEnrolConfirm(body) });
}
