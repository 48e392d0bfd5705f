import type { ImpersonationSessionsExportQuery, ImpersonationSessionsQuery } from "@chorus/shared";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";
import { downloadFile } from "../../../lib/download";

const PAGE_SIZE = 25;

/** Newest first, a page at a time (decision 0022); under "audit", so the live hint for impersonation refreshes it. */
export function useImpersonationSessions() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ["audit", "sessions"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query: ImpersonationSessionsQuery = { limit: String(PAGE_SIZE) };
      if (pageParam !== null) query.before = pageParam;
      return api.self.circles.impersonationSessions(query);
    },
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Fetches the CSV with the sign-in's token and hands it to the browser as a download. */
export function useExportImpersonationSessions() {
  const api = useApi();
  return useMutation({
    mutationFn: async (range: ImpersonationSessionsExportQuery) => {
      const csv = await api.self.circles.exportImpersonationSessions(range);
      downloadFile(csv, "text/csv;charset=utf-8", `chorus-sessions-${range.from}-to-${range.to}.csv`);
    },
  });
}
