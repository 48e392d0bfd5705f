import type { UpdateCircleRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

export function useUpdateCircle() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({ mutationFn: (body: UpdateCircleRequest) => api.self.circles.update(body), onSuccess: invalidate });
}
