import type { ChorusContract } from "@chorus/shared";
import type { AppDeps } from "../deps";
import type { GroupHandlers } from "../http/route";
import { rewardPolicy } from "../policies/rewards";
import { presentReward, presentRewardRequest } from "../presenters/rewards";
import * as rewards from "../services/rewards";

/** Rewards and their requests (decision 0026). */
export function rewardHandlers({ db, notices }: AppDeps): GroupHandlers<ChorusContract["rewards"]> {
  return {
    list: async ({ ctx }) => {
      const viewer = rewardPolicy.view(ctx);
      const offer = await rewards.listRewards(db, viewer, rewardPolicy.seesEverything(viewer));
      return { rewards: offer.rewards.map(presentReward), points: offer.points };
    },
    create: async ({ body, ctx }) => presentReward(await rewards.createReward(db, rewardPolicy.manage(ctx), body)),
    update: async ({ params, body, ctx }) => presentReward(await rewards.updateReward(db, rewardPolicy.manage(ctx), params.id, body)),
    archive: async ({ params, ctx }) => rewards.archiveReward(db, rewardPolicy.manage(ctx), params.id),
    request: async ({ params, ctx }) => {
      const request = await rewards.requestReward(db, rewardPolicy.request(ctx), params.id);
      // Committed: the admins' and managers' notices can go (decision 0039).
      notices.sendSoon();
      return presentRewardRequest(request);
    },
    requests: async ({ query, ctx }) => {
      const viewer = rewardPolicy.view(ctx);
      const page = await rewards.listRewardRequests(db, viewer, rewardPolicy.seesEverything(viewer), query);
      return { requests: page.requests.map(presentRewardRequest), nextCursor: page.nextCursor };
    },
    approve: async ({ params, body, ctx }) =>
      presentRewardRequest(await rewards.decideRewardRequest(db, rewardPolicy.decide(ctx), params.id, "approve", body.note)),
    decline: async ({ params, body, ctx }) =>
      presentRewardRequest(await rewards.decideRewardRequest(db, rewardPolicy.decide(ctx), params.id, "decline", body.note)),
    refund: async ({ params, body, ctx }) =>
      presentRewardRequest(await rewards.decideRewardRequest(db, rewardPolicy.decide(ctx), params.id, "refund", body.note)),
  };
}
