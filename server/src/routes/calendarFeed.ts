/**
 * The member's calendar feed (docs/decisions/0012): managing the secret link (signed in,
 * not impersonable) and the feed itself, public but only at the secret URL.
 */
import { z } from "zod";
import type { AppDeps } from "../deps";
import { notFound, parseInput } from "../errors";
import { created, noContent, ok, type Route } from "../http/route";
import { accountPolicy } from "../policies/accounts";
import { calendarFeedPath, createCalendarFeed, feedOwnerContext, getCalendarFeed, renderCalendarFeed, revokeCalendarFeed } from "../services/calendarFeed";

/** Anything else than a well-formed token is simply not found, like an unknown one. */
const feedParams = z.object({ token: z.string().max(100) });

export function calendarFeedRoutes({ db }: AppDeps): Route[] {
  return [
    {
      method: "GET",
      path: "/users/me/ical-feed",
      auth: "user",
      handle: async ({ ctx }) => {
        const feed = await getCalendarFeed(db, ctx);
        return ok({ feed: feed ? { createdAt: feed.createdAt.toISOString() } : null });
      },
    },
    {
      method: "POST",
      path: "/users/me/ical-feed",
      auth: "user",
      handle: async ({ ctx }) => {
        accountPolicy.manageCalendarFeed(ctx);
        const { token, createdAt } = await createCalendarFeed(db, ctx);
        return created({ path: calendarFeedPath(token), createdAt: createdAt.toISOString() });
      },
    },
    {
      method: "DELETE",
      path: "/users/me/ical-feed",
      auth: "user",
      handle: async ({ ctx }) => {
        accountPolicy.manageCalendarFeed(ctx);
        await revokeCalendarFeed(db, ctx);
        return noContent();
      },
    },
    {
      method: "GET",
      path: "/ical/:token.ics",
      auth: "public",
      handle: async ({ req, meta }) => {
        const { token } = parseInput(feedParams, req.params, "params");
        const owner = await feedOwnerContext(db, token, meta);
        if (!owner) throw notFound("Calendar feed");
        return {
          status: 200,
          document: {
            contentType: "text/calendar; charset=utf-8",
            content: await renderCalendarFeed(db, owner),
            // Personal, so no shared cache may keep it; the secret is in the URL, so no referrer.
            headers: { "Cache-Control": "private, max-age=300", "Content-Disposition": 'inline; filename="chorus.ics"' },
          },
        };
      },
    },
  ];
}
