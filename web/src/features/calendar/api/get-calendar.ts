import type { CalendarMember } from "@chorus/shared";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

/**
 * The calendar's occurrences (decision 0036), through the acting client: while viewing as a
 * member it is their calendar. Refreshed by live chore updates; the previous range stays on
 * screen while the next one loads, so stepping through weeks does not flash.
 */
export function useCalendar(range: { from: string; to: string }, member: CalendarMember) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({
    queryKey: ["calendar", actingAs, range.from, range.to, member] as const,
    queryFn: () => api.acting.calendar.get({ ...range, member: String(member) }),
    placeholderData: keepPreviousData,
  });
}
