import type { Reward, RewardRequest } from "@chorus/shared";
import type { Reward as RewardRow } from "../generated/prisma/client";
import type { RewardRequestRow } from "../domain";

export function presentReward(reward: RewardRow): Reward {
  return {
    id: reward.id,
    name: reward.name,
    cost: reward.cost,
    stock: reward.stock,
    availableTo: reward.availableTo,
    archived: reward.archivedAt !== null,
    createdAt: reward.createdAt.toISOString(),
  };
}

export function presentRewardRequest(request: RewardRequestRow): RewardRequest {
  return {
    id: request.id,
    reward: { id: request.reward.id, name: request.reward.name },
    userId: request.userId,
    actorUserId: request.actorUserId,
    viaDeviceId: request.viaDeviceId,
    status: request.status,
    cost: request.cost,
    decidedBy: request.decidedById,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decisionNote: request.decisionNote,
    createdAt: request.createdAt.toISOString(),
  };
}
