import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateJoinRequests } from "./get-join-requests";

export function useWithdrawJoinRequest() {
  const api = useApi();
  const invalidate = useInvalidateJoinRequests();
  return useMutation({ mutationFn: (circleId: number) => api.self.circles.withdrawJoinRequest(circleId), onSuccess: invalidate });
}
