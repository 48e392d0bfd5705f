/**
 * Act-as sessions and the "acted for you" feed (docs/decisions/0012). None of these
 * endpoints is impersonable: they are about the signed-in person's own sign-in and feed.
 */
import type { ChorusContract } from "@chorus/shared";
import { endActAsSessions, startActAs } from "../acting/actAsSessions";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { presentActAsSession, presentActedForMe } from "../presenters/impersonation";
import { listActedForMe, markActedForMeRead } from "../services/actedForMe";

export function impersonationHandlers({ db, config }: AppDeps): GroupHandlers<ChorusContract["impersonation"]> {
  return {
    start: async ({ body, ctx }) => presentActAsSession(await startActAs(db, config, ctx, body.userId, body.reason ?? null)),
    end: async ({ ctx }) => endActAsSessions(db, ctx),
  };
}

export function actedForMeHandlers({ db }: AppDeps) {
  return {
    actedForMe: async ({ query, ctx }) => presentActedForMe(await listActedForMe(db, ctx.actor.id, query)),
    markActedForMeRead: async ({ ctx }) => markActedForMeRead(db, ctx.actor.id),
  } satisfies Partial<GroupHandlers<ChorusContract["users"]>>;
}
