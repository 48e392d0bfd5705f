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
    stream: async ({ ctx, reauthorize }) => (res) =>
      openEventStream(res, deps.live, {
        scope: { circleId: ctx.circle?.id ?? null, userIds: [...new Set([ctx.actor.id, ctx.subject.id])] },
        stillAllowed: async () => {
          try {
            const now = await reauthorize();
            return now.circle?.id === ctx.circle?.id && now.subject.id === ctx.subject.id;
          } catch {
            return false;
          }
        },
        heartbeatMs: deps.config.liveHeartbeatMs,
      }),
  };
}
