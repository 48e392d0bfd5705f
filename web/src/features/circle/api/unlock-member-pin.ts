import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCircle } from "./invalidate";

/** An admin lifts the lock wrong PINs put on a child's account (the PIN stays). */
export function useUnlockMemberPin() {
  const api = useApi();
  const invalidate = useInvalidateCircle();
  return useMutation({ mutationFn: (userId: number) => api.self.circles.unlockMemberPin(userId), onSuccess: invalidate });
}
