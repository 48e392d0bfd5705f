import type { SsoStartRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** Off to the provider's sign-in page; it sends the browser back to /sso/callback. */
export function useStartSso() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: SsoStartRequest) => api.self.auth.ssoStart(body),
    onSuccess: ({ authorizationUrl }) => window.location.assign(authorizationUrl),
  });
}
