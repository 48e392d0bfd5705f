/**
 * The tasks page's one request, started by index.html's inline script while this app's
 * JavaScript downloads (decision 0018), so a phone waits for HTML → (JavaScript ∥ data)
 * instead of HTML → JavaScript → the account → the rest. Its answer seeds the caches of
 * the queries the first screen runs; they then hit the cache instead of the network.
 */
import type { TasksPage } from "@chorus/shared";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { signedInUserQuery } from "../features/auth/api/get-signed-in-user";
import { choresQuery } from "../features/chores/api/get-chores";
import { circleQuery } from "../features/circle/api/get-circle";
import { membersQuery } from "../features/circle/api/get-members";
import type { Api } from "../lib/api-client";

/** What index.html's script leaves on `window.chorusTasksPage` (only for "/" as yourself, signed in). */
interface Preload {
  /** The answer once it is in; null while on its way, or when it failed. */
  page: TasksPage | null;
  /** Settles with the answer, or null when the request failed (the queries then ask for themselves). */
  done: Promise<TasksPage | null>;
}

declare global {
  interface Window {
    chorusTasksPage?: Preload;
  }
}

/**
 * Seeds `queryClient` from the preloaded answer, once, at start. Already in: the data is
 * set before the first render, which so draws the whole first screen at once. Still on
 * its way: the queries are started on that answer (a query mounting meanwhile joins it
 * rather than sending its own request), falling back to their own request if it failed.
 */
export function seedFromPreloadedTasksPage(queryClient: QueryClient, api: Api, preload = window.chorusTasksPage): void {
  if (!preload) return;
  window.chorusTasksPage = undefined; // one page load's answer: later loads ask for fresh data
  const seed = <T>(options: { queryKey: QueryKey; queryFn: () => Promise<T> }, pick: (page: TasksPage) => T) => {
    if (preload.page) {
      queryClient.setQueryData<T>(options.queryKey, pick(preload.page));
      return;
    }
    queryClient
      .query({
        queryKey: options.queryKey,
        queryFn: async () => {
          const page = await preload.done;
          return page ? pick(page) : options.queryFn();
        },
      })
      // A failure is the query's error state, which the page that uses it shows.
      .catch(() => undefined);
  };
  seed(signedInUserQuery(api), (page) => page.me);
  seed(circleQuery(api, null), (page) => page.circle);
  seed(membersQuery(api, null), (page) => page.members);
  seed(choresQuery(api, null, "mine"), (page) => page.chores);
}
