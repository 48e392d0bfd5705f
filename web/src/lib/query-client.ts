import { ChorusApiError } from "@chorus/shared";
import { QueryClient } from "@tanstack/react-query";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Client errors (403, 404, validation) will not change on retry; network blips may.
        retry: (failures, error) => failures < 2 && (!(error instanceof ChorusApiError) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
