import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

export function useAcceptMember() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({ mutationFn: (userId: number) => api.self.circles.accept(userId), onSuccess: invalidate });
}
