import type { SignupRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useStartSession } from "./sign-in";

export function useSignUp() {
  const api = useApi();
  const startSession = useStartSession();
  return useMutation({ mutationFn: (body: SignupRequest) => api.self.auth.signup(body), onSuccess: startSession });
}
