import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** An admin sets a child's new PIN (which also lifts a lock after wrong PINs). */
export function useSetMemberPin() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ userId, pin }: { userId: number; pin: string }) => api.self.circles.setMemberPin(userId, { pin: pin }),
  });
}
