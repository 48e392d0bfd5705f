/**
 * Impersonation sessions and the "acted for you" feed (docs/decisions/0012, 0020). Only extend
 * and setMode are impersonable, since they name the session by its header; the others are about the
 * signed-in person's own sign-in and feed.
 */
import type { ChorusContract } from "@chorus/shared";
import {
  endImpersonationSessions,
  extendImpersonationSession,
  setImpersonationMode,
  startImpersonation,
} from "../acting/impersonationSessions";
import type { AppDeps } from "../deps";
import { ApiError } from "../errors";
import type { GroupHandlers } from "../http/route";
import { requireCircle } from "../policies/circle";
import { presentImpersonationSession, presentActedForMe } from "../presenters/impersonation";
import { listActedForMe, markActedForMeRead } from "../services/actedForMe";

export function impersonationHandlers({ db, config, notices }: AppDeps): GroupHandlers<ChorusContract["impersonation"]> {
  return {
    start: async ({ body, ctx }) =>
      presentImpersonationSession(
        await startImpersonation(db, config, notices, ctx, { ...body, reason: body.reason ?? null }),
        config.impersonationMaxExtensions,
      ),
    end: async ({ ctx }) => endImpersonationSessions(db, ctx),
    extend: async ({ ctx }) => {
      if (!ctx.impersonating) throw new ApiError("invalid_state", "Send the impersonation header of the impersonation session to extend");
      const session = await extendImpersonationSession(db, config, requireCircle(ctx));
      if (!session) throw new ApiError("invalid_state", "This impersonation session has ended; start a new one");
      return presentImpersonationSession(session, config.impersonationMaxExtensions);
    },
    setMode: async ({ body, ctx }) => {
      if (!ctx.impersonating) throw new ApiError("invalid_state", "Send the impersonation header of the impersonation session to switch");
      const session = await setImpersonationMode(db, config, requireCircle(ctx), body);
      if (!session) throw new ApiError("invalid_state", "This impersonation session has ended; start a new one");
      return presentImpersonationSession(session, config.impersonationMaxExtensions);
    },
  };
}

export function actedForMeHandlers({ db }: AppDeps) {
  return {
    actedForMe: async ({ query, ctx }) => presentActedForMe(await listActedForMe(db, ctx.actor.id, query)),
    markActedForMeRead: async ({ ctx }) => markActedForMeRead(db, ctx.actor.id),
  } satisfies Partial<GroupHandlers<ChorusContract["users"]>>;
}
