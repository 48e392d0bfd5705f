/**
 * Impersonation sessions, "ask me first" requests and consent, and the "acted for you" feed
 * (docs/decisions/0012, 0020, 0023). Only extend and setMode are impersonable, since they name the
 * session by its header; the others are about the signed-in person's own sign-in, word and feed.
 */
import type { ChorusContract } from "@chorus/shared";
import { readActAsConsent, setActAsConsent } from "../acting/actAsConsent";
import { answerActAsRequest, listActAsRequests, requestActAs } from "../acting/actAsRequests";
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
import { presentActAsRequest, presentImpersonationSession, presentActedForMe } from "../presenters/impersonation";
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
    request: async ({ body, ctx }) => presentActAsRequest(await requestActAs(db, config, ctx, { ...body, reason: body.reason ?? null })),
    requests: async ({ ctx }) => {
      const { incoming, outgoing } = await listActAsRequests(db, ctx);
      return { incoming: incoming.map(presentActAsRequest), outgoing: outgoing.map(presentActAsRequest) };
    },
    grant: async ({ params, ctx }) => presentActAsRequest(await answerActAsRequest(db, config, ctx, params.id, "granted")),
    decline: async ({ params, ctx }) => presentActAsRequest(await answerActAsRequest(db, config, ctx, params.id, "declined")),
  };
}

export function actedForMeHandlers({ db }: AppDeps) {
  return {
    actedForMe: async ({ query, ctx }) => presentActedForMe(await listActedForMe(db, ctx.actor.id, query)),
    markActedForMeRead: async ({ ctx }) => markActedForMeRead(db, ctx.actor.id),
    actAsConsent: async ({ ctx }) => readActAsConsent(db, ctx),
    setActAsConsent: async ({ body, ctx }) => setActAsConsent(db, ctx, body.consent),
  } satisfies Partial<GroupHandlers<ChorusContract["users"]>>;
}
