import type { Role } from "@chorus/shared";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

export function useSetMemberRole() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: Role }) => api.self.circles.setRole(userId, { role: role }),
    onSuccess: invalidate,
  });
}
