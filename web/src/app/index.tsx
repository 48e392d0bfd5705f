import { useEffect, useState } from "react";
import { keepTasksSnapshot, seedFromTasksSnapshot } from "../features/offline/api/tasks-snapshot";
import { startOnlineTracking } from "../features/offline/api/use-online";
import { createApi } from "../lib/api-client";
import { useLiveUpdates } from "../lib/live-updates";
import { createQueryClient } from "../lib/query-client";
import { seedFromPreloadedTasksPage } from "./preloaded-tasks-page";
import { AppProvider } from "./provider";
import { AppRouter } from "./router";

export function App() {
  // The API lives on the same origin, under /api/v1.
  const [api] = useState(() => createApi({ baseUrl: window.location.origin }));
  const [queryClient] = useState(() => {
    startOnlineTracking();
    const client = createQueryClient();
    seedFromPreloadedTasksPage(client, api);
    return client;
  });
  // Offline at start, the first render waits for the last tasks page kept on this device (decision 0043).
  const [ready, setReady] = useState(() => navigator.onLine);
  useEffect(() => {
    if (!ready) void seedFromTasksSnapshot(queryClient, api).finally(() => setReady(true));
  }, [ready, queryClient, api]);
  useEffect(() => keepTasksSnapshot(queryClient, api), [queryClient, api]);
  if (!ready) return null;
  return (
    <AppProvider api={api} queryClient={queryClient}>
      <LiveUpdates />
      <AppRouter />
    </AppProvider>
  );
}

/** Open screens follow changes made elsewhere (another tab, another person). */
function LiveUpdates() {
  useLiveUpdates();
  return null;
}
