import { useState } from "react";
import { RouterProvider } from "react-router";
import { createApi } from "../lib/api-client";
import { useLiveUpdates } from "../lib/live-updates";
import { createQueryClient } from "../lib/query-client";
import { AppProvider } from "./provider";
import { createAppRouter } from "./router";

export function App() {
  // The API lives on the same origin, under /api/v1.
  const [api] = useState(() => createApi({ baseUrl: window.location.origin }));
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);
  return (
    <AppProvider api={api} queryClient={queryClient}>
      <LiveUpdates />
      <RouterProvider router={router} />
    </AppProvider>
  );
}

/** Open screens follow changes made elsewhere (another tab, another person). */
function LiveUpdates() {
  useLiveUpdates();
  return null;
}
