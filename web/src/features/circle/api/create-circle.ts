import type { CreateCircleRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

export function useCreateCircle() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({ mutationFn: (body: CreateCircleRequest) => api.self.circles.create(body), onSuccess: invalidate });
}
