/**
 * Act-as sessions and the "acted for you" feed (docs/decisions/0012). Only extend is
 * impersonable, since it names the session by its header; the others are about the
 * signed-in person's own sign-in and feed.
 */
import { actedForMeQuerySchema, startImpersonationRequestSchema } from "@chorus/shared";
import type { AppDeps } from "../deps";
import { ApiError, parseInput } from "../errors";
import { created, noContent, ok, type Route } from "../http/route";
import { actAsPolicy } from "../policies/actAs";
import { requireCircle } from "../policies/circle";
import { targetNotAllowed } from "../policies/impersonation";
import { presentActAsSession, presentActedForMe } from "../presenters/impersonation";
import { listActedForMe, markActedForMeRead } from "../services/actedForMe";
import { endActAsSessions, extendActAsSession, loadActAsParties, recordRefusedStart, startActAsSession } from "../services/actAsSessions";

export function impersonationRoutes({ db, config }: AppDeps): Route[] {
  return [
    {
      method: "POST",
      path: "/impersonation",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(startImpersonationRequestSchema, req.body, "body");
        const { impersonatorFlag, target } = await loadActAsParties(db.prisma, ctx, input.userId);
        const refusal = actAsPolicy.startRefusal(
          {
            userId: ctx.actor.id,
            viaToken: ctx.viaToken,
            role: ctx.actorRole,
            impersonatorFlag,
            circleImpersonationEnabled: ctx.circle?.impersonationEnabled === true,
          },
          target && { userId: target.userId, role: target.role },
        );
        if (refusal || !target) {
          const error = refusal ?? targetNotAllowed();
          await recordRefusedStart(db.prisma, ctx, input.userId, target?.userId ?? null, error);
          throw error;
        }
        const session = await startActAsSession(db, config, requireCircle(ctx), target.user, input.reason ?? null);
        return created(presentActAsSession(session));
      },
    },
    {
      method: "POST",
      path: "/impersonation/extend",
      auth: "user",
      handle: async ({ ctx }) => {
        if (!ctx.impersonating) {
          throw new ApiError("invalid_state", "Send the impersonation header of the act-as session to extend");
        }
        const session = await extendActAsSession(db, config, requireCircle(ctx));
        if (!session) throw new ApiError("invalid_state", "This act-as session has ended; start a new one");
        return ok(presentActAsSession(session));
      },
    },
    {
      method: "DELETE",
      path: "/impersonation",
      auth: "user",
      handle: async ({ ctx }) => {
        await endActAsSessions(db, ctx);
        return noContent();
      },
    },
    {
      method: "GET",
      path: "/users/me/acted-for-me",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const page = parseInput(actedForMeQuerySchema, req.query, "query");
        return ok(presentActedForMe(await listActedForMe(db, ctx.actor.id, page)));
      },
    },
    {
      method: "POST",
      path: "/users/me/acted-for-me/read",
      auth: "user",
      handle: async ({ ctx }) => {
        await markActedForMeRead(db, ctx.actor.id);
        return noContent();
      },
    },
  ];
}
