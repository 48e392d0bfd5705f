import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { NoticesProvider } from "../components/notices";
import { ApiContext, type Api } from "../lib/api-client";

export function AppProvider({ api, queryClient, children }: { api: Api; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiContext value={api}>
      <QueryClientProvider client={queryClient}>
        <NoticesProvider>{children}</NoticesProvider>
      </QueryClientProvider>
    </ApiContext>
  );
}
