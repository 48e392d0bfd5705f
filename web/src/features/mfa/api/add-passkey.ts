import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { newPasskey } from "../webauthn";
import { useInvalidateMfaStatus } from "./get-mfa-status";

/** The server's challenge, the browser's new passkey for it, and the server keeping it under `name`. */
export function useAddPasskey() {
  const api = useApi();
  const invalidate = useInvalidateMfaStatus();
  return useMutation({
    mutationFn: async (name: string) => {
      const made = await newPasskey(await api.self.users.passkeyRegistrationOptions());
      return api.self.users.addPasskey({ name, ...made });
    },
    onSuccess: invalidate,
  });
}
