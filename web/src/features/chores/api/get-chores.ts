import type { Chore } from "@chorus/shared";
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useApi, useApiSession, type Api } from "../../../lib/api-client";

/** "archived" lists archived chores and finished one-off chores, which the other views leave out. */
export type ChoreListView = "mine" | "all" | "archived";

const choresQueryKey = (actingAs: number | null, view: ChoreListView | "including-archived") => ["chores", actingAs, "list", view] as const;

const isPutAway = (chore: Chore) => chore.archived || chore.finishedAt !== null;

/** A view's list as the server sends it (the tasks page's one request seeds "mine": decision 0018). */
export const choresQuery = (api: Api, actingAs: number | null, view: ChoreListView) => ({
  queryKey: choresQueryKey(actingAs, view),
  queryFn: async () =>
    (await api.acting.chores.list(view === "mine" ? { assignedTo: "me" } : view === "archived" ? { includeArchived: "true" } : {})).chores,
});

/**
 * While viewing as someone the server lists only their tasks, whatever the view. The
 * filter runs as `select`, so a one-off chore just done leaves the list at once.
 */
export function useChores(view: ChoreListView, enabled = true) {
  const api = useApi();
  const { actingAs } = useApiSession();
  return useQuery({
    ...choresQuery(api, actingAs, view),
    enabled,
    select: (chores: Chore[]) => chores.filter((chore) => (view === "archived") === isPutAway(chore)),
  });
}

/**
 * Chore id → name, archived chores included, for pages that refer to chores by id (the
 * audit log). Undefined while loading and for chores you cannot see (deleted, or someone
 * else's private chore), so callers fall back to the id.
 */
export function useChoreNames(): (choreId: number) => string | undefined {
  const api = useApi();
  const chores = useQuery({
    queryKey: choresQueryKey(null, "including-archived"),
    queryFn: async () => (await api.self.chores.list({ includeArchived: "true" })).chores,
  }).data;
  return useCallback((choreId) => chores?.find((chore) => chore.id === choreId)?.name, [chores]);
}
