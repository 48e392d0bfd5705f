import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** Everything up to now counts as read: the badge goes back to zero. */
export function useMarkActedForMeRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.self.users.markActedForMeRead(),
    onSuccess: () => queryClient.setQueryData(["actedForMe", "unread"], 0),
  });
}
