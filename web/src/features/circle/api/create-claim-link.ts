import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

/** An admin's one-time link for an imported member to choose a password (decision 0045); shown once. */
export function useCreateClaimLink() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({ mutationFn: (userId: number) => api.self.circles.createClaimLink(userId), onSuccess: invalidate });
}
