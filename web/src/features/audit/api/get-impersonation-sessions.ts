import type { ImpersonationSessionsExportQuery, ImpersonationSessionsQuery } from "@chorus/shared";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

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

/** Fetches the CSV with the sign-in's token (a plain link could not send it) and hands it to the browser as a download. */
export function useExportImpersonationSessions() {
  const api = useApi();
  return useMutation({
    mutationFn: async (range: ImpersonationSessionsExportQuery) => {
      const csv = await api.self.circles.exportImpersonationSessions(range);
      // fetch's text() drops the byte-order mark; put it back so spreadsheets read UTF-8.
      const url = URL.createObjectURL(new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `chorus-sessions-${range.from}-to-${range.to}.csv`;
      link.click();
      // The click has started the download; the object URL is no longer needed once it is taken.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}
