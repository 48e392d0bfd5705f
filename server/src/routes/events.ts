import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { openEventStream } from "../realtime/eventStream";

/**
 * `GET /events`: a Server-Sent Events stream of hints that something in the caller's
 * circle changed (see shared/src/schemas/events.ts). Read it with fetch, so the
 * Authorization and impersonation headers go along like on every other request.
 */
export function eventHandlers(deps: AppDeps): GroupHandlers<ChorusContract["events"]> {
  return {
    stream:
      async ({ ctx }) =>
      (res) =>
        openEventStream(res, deps.live, {
          circleId: ctx.circle?.id ?? null,
          actorId: ctx.actor.id,
          subjectId: ctx.subject.id,
          sessionId: ctx.sessionId,
          apiTokenId: ctx.apiTokenId,
          impersonationId: ctx.impersonating ? (ctx.impersonation?.id ?? null) : null,
          impersonationExpiresAt: ctx.impersonating ? (ctx.impersonation?.expiresAt ?? null) : null,
        }),
  };
}
