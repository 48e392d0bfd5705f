import type { AuthResponse, LoginRequest } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { signedInUserQueryKey } from "./get-signed-in-user";

/** Stores the new session and starts from a clean cache, so nothing of a previous user shows. */
export function useStartSession() {
  const api = useApi();
  const queryClient = useQueryClient();
  return ({ token, user }: AuthResponse) => {
    queryClient.clear();
    api.setToken(token);
    queryClient.setQueryData(signedInUserQueryKey, user);
  };
}

export function useSignIn() {
  const api = useApi();
  const startSession = useStartSession();
  return useMutation({ mutationFn: (body: LoginRequest) => api.self.auth.login(body), onSuccess: startSession });
}
