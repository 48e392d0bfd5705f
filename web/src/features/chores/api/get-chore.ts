import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

const choreQueryKey = (actingAs: number | null, choreId: number) => ["chores", actingAs, "detail", choreId] as const;

export function useChore(choreId: number) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({ queryKey: choreQueryKey(actingAs, choreId), queryFn: () => api.acting.chores.get(choreId) });
}
