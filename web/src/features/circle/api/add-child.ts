import type { CreateChildRequest } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

/** A child's account (no email) straight into the circle; admins and managers. */
export function useAddChild() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({ mutationFn: (body: CreateChildRequest) => api.self.circles.addChild(body), onSuccess: invalidate });
}
