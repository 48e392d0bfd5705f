import { useQuery } from "@tanstack/react-query";
import { useApi, useApiSession } from "../../../lib/api-client";

export type ChoreListView = "mine" | "all";

const choresQueryKey = (actingAs: number | null, view: ChoreListView) => ["chores", actingAs, "list", view] as const;

/** While viewing as someone the server lists only their tasks, whatever the view. */
export function useChores(view: ChoreListView) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({
    queryKey: choresQueryKey(actingAs, view),
    queryFn: async () => (await api.acting.chores.list(view === "mine" ? { assignedTo: "me" } : {})).chores,
  });
}
