import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { useInvalidateCalendarFeed } from "./get-calendar-feed";

/** Makes a new secret link, replacing any earlier one; answers its path once. */
export function useCreateCalendarFeed() {
  const api = useApi();
  const invalidate = useInvalidateCalendarFeed();
  return useMutation({ mutationFn: () => api.self.users.createCalendarFeed(), onSuccess: invalidate });
}
