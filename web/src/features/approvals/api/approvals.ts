import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** A decision moves points and the chore: the queue, chores, balances and histories are stale after it. */
function useInvalidateAfterDecision() {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [["approvals"], ["chores"], ["members"], ["points"]]) void queryClient.invalidateQueries({ queryKey });
  };
}

/** Completions waiting for approval, oldest first: an admin's or manager's own view, never as someone. */
export function useApprovals() {
  const api = useApi();
  return useQuery({ queryKey: ["approvals"], queryFn: async () => (await api.self.approvals.list()).approvals });
}

export function useApprove() {
  const api = useApi();
  const invalidate = useInvalidateAfterDecision();
  return useMutation({ mutationFn: (id: number) => api.self.approvals.approve(id, {}), onSuccess: invalidate });
}

export function useReject() {
  const api = useApi();
  const invalidate = useInvalidateAfterDecision();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) => api.self.approvals.reject(id, { note }),
    onSuccess: invalidate,
  });
}

/** Approves exactly the items on screen, all or none (decision 0027); the queue reloads either way. */
export function useApproveAll() {
  const api = useApi();
  const invalidate = useInvalidateAfterDecision();
  return useMutation({
    mutationFn: (ids: number[]) => api.self.approvals.approveAll({ ids }),
    onSuccess: invalidate,
    onError: invalidate,
  });
}
