import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateJoinRequests } from "./get-join-requests";

/** Asks to join; you stay where you are until an admin or manager there accepts. */
export function useJoinCircle() {
  const api = useApi();
  const invalidate = useInvalidateJoinRequests();
  return useMutation({ mutationFn: (inviteCode: string) => api.self.circles.join({ inviteCode: inviteCode }), onSuccess: invalidate });
}
