import type { AuditQuery } from "@chorus/shared";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

export interface AuditFilters {
  actorUserId?: number;
  subjectUserId?: number;
  action?: string;
}

const PAGE_SIZE = 25;

/** Newest first, a page at a time; the audit log is never readable while viewing as someone. */
export function useAuditEvents(filters: AuditFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ["audit", filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query: AuditQuery = { limit: String(PAGE_SIZE) };
      if (filters.actorUserId !== undefined) query.actorUserId = String(filters.actorUserId);
      if (filters.subjectUserId !== undefined) query.subjectUserId = String(filters.subjectUserId);
      if (filters.action) query.action = filters.action;
      if (pageParam !== null) query.before = pageParam;
      return api.self.circles.audit(query);
    },
    getNextPageParam: (page) => page.nextCursor,
  });
}
