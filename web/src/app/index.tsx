import { useState } from "react";
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
    const client = createQueryClient();
    seedFromPreloadedTasksPage(client, api);
    return client;
  });
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
