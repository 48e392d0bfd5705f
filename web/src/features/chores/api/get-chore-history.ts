import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

const choreHistoryQueryKey = (actingAs: number | null, choreId: number) => ["chores", actingAs, "history", choreId] as const;

export function useChoreHistory(choreId: number) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({
    queryKey: choreHistoryQueryKey(actingAs, choreId),
    queryFn: async () => (await api.acting.chores.history(choreId)).history,
  });
}
