import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { presentCircleFor, presentMember, presentUser } from "../presenters/accounts";
import { circlePolicy } from "../policies/circle";
import { listChoreRows } from "../services/chores/crud";
import { listMembers } from "../services/circles";
import { presentChores } from "./chores";

/**
 * A page's first screen in one request (decision 0018): what GET /users/me, GET
 * /circles/current, GET /circles/current/members and GET /chores answer, from the same
 * policies, services and presenters, so a phone waits for one round trip instead of four.
 */
export function pageHandlers({ db, config }: AppDeps): GroupHandlers<ChorusContract["pages"]> {
  return {
    tasks: async ({ query, ctx }) => {
      const inCircle = circlePolicy.view(ctx);
      const [members, chores] = await Promise.all([
        listMembers(db, inCircle, undefined, circlePolicy.seesPendingMembers(inCircle)),
        listChoreRows(db, inCircle, query),
      ]);
      const showsActAsConsent = circlePolicy.seesActAsConsent(inCircle);
      return {
        me: presentUser(inCircle, config.impersonationMaxExtensions),
        circle: presentCircleFor(inCircle, inCircle.circle),
        members: members.map((member) => presentMember(member, showsActAsConsent)),
        chores: await presentChores(db, inCircle, chores),
      };
    },
  };
}
