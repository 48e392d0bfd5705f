import type { CreateApiTokenRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateApiTokens } from "./get-api-tokens";

/** Answers the new token's secret, which the server never shows again. */
export function useCreateApiToken() {
  const api = useApi();
  const invalidate = useInvalidateApiTokens();
  return useMutation({ mutationFn: (body: CreateApiTokenRequest) => api.self.users.createToken(body), onSuccess: invalidate });
}
