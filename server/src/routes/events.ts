import type { AppDeps } from "../deps";
import type { Route } from "../http/route";
import { openEventStream } from "../realtime/eventStream";

/**
 * `GET /events`: a Server-Sent Events stream of hints that something in the caller's
 * circle changed (see shared/src/schemas/events.ts). Read it with fetch, so the
 * Authorization and impersonation headers go along like on every other request.
 */
export function eventRoutes(deps: AppDeps): Route[] {
  return [
    {
      method: "GET",
      path: "/events",
      auth: "user",
      handle: async ({ ctx }) => ({
        status: 200,
        stream: (res) =>
          openEventStream(res, deps.live, {
            circleId: ctx.circle?.id ?? null,
            actorId: ctx.actor.id,
            subjectId: ctx.subject.id,
            sessionId: ctx.sessionId,
            apiTokenId: ctx.apiTokenId,
            actAsId: ctx.impersonating ? (ctx.actAs?.id ?? null) : null,
          }),
      }),
    },
  ];
}
