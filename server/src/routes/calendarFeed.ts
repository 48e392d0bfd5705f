/**
 * The member's calendar feed (docs/decisions/0012): managing the secret link (signed in,
 * not impersonable) and the feed itself, reached only at the secret URL.
 */
import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { calendarFeedPath, createCalendarFeed, getCalendarFeed, renderCalendarFeed, revokeCalendarFeed } from "../services/calendarFeed";

export function calendarFeedUserHandlers({ db }: AppDeps) {
  return {
    calendarFeed: async ({ ctx }) => {
      const feed = await getCalendarFeed(db, ctx);
      return { feed: feed ? { createdAt: feed.createdAt.toISOString() } : null };
    },
    createCalendarFeed: async ({ ctx }) => {
      const { token, createdAt } = await createCalendarFeed(db, ctx);
      return { path: calendarFeedPath(token), createdAt: createdAt.toISOString() };
    },
    revokeCalendarFeed: async ({ ctx }) => revokeCalendarFeed(db, ctx),
  } satisfies Partial<GroupHandlers<ChorusContract["users"]>>;
}

export function feedHandlers({ db }: AppDeps): GroupHandlers<ChorusContract["feeds"]> {
  return {
    calendar: async ({ ctx }) => ({
      content: await renderCalendarFeed(db, ctx),
      // Personal, so no shared cache may keep it; the secret is in the URL, so no referrer.
      headers: { "Cache-Control": "private, max-age=300", "Content-Disposition": 'inline; filename="chorus.ics"' },
    }),
  };
}
