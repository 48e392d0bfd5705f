import type { AppDeps } from "../deps";
import { routeKey, type Route } from "../http/route";
import { resolveActingContext } from "../middleware/actingContext";
import { openEventStream } from "../realtime/eventStream";

/**
 * `GET /events`: a Server-Sent Events stream of hints that something in the caller's
 * circle changed (see shared/src/schemas/events.ts). Read it with fetch, so the
 * Authorization and impersonation headers go along like on every other request.
 */
export function eventRoutes(deps: AppDeps): Route[] {
  const route: Route = {
    method: "GET",
    path: "/events",
    auth: "user",
    handle: async ({ req, ctx }) => ({
      status: 200,
      stream: (res) =>
        openEventStream(res, deps.live, {
          scope: { circleId: ctx.circle?.id ?? null, userIds: [...new Set([ctx.actor.id, ctx.subject.id])] },
          stillAllowed: async () => {
            try {
              const now = await resolveActingContext(req, res, routeKey(route), deps);
              return now.circle?.id === ctx.circle?.id && now.subject.id === ctx.subject.id;
            } catch {
              return false;
            }
          },
          heartbeatMs: deps.config.liveHeartbeatMs,
        }),
    }),
  };
  return [route];
}
