import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

const calendarFeedQueryKey = ["calendarFeed"] as const;

/** Whether you have a calendar link (the link itself is only shown when it is made). */
export function useCalendarFeed() {
  const api = useApi();
  return useQuery({ queryKey: calendarFeedQueryKey, queryFn: async () => (await api.self.users.calendarFeed()).feed });
}

export function useInvalidateCalendarFeed() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: calendarFeedQueryKey });
}
