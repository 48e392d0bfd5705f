import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

export function useSetMemberImpersonator() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({
    mutationFn: ({ userId, impersonator }: { userId: number; impersonator: boolean }) =>
      api.self.circles.setImpersonator(userId, { impersonator: impersonator }),
    onSuccess: invalidate,
  });
}
