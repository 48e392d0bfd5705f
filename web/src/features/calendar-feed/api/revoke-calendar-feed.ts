import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCalendarFeed } from "./get-calendar-feed";

export function useRevokeCalendarFeed() {
  const api = useApi();
  const invalidate = useInvalidateCalendarFeed();
  return useMutation({ mutationFn: () => api.self.users.revokeCalendarFeed(), onSuccess: invalidate });
}
