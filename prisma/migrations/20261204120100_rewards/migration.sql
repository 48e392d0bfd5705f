-- Rewards and requests for them (docs/decisions/0026-rewards.md).
CREATE TYPE "RewardRequestStatus" AS ENUM ('pending', 'approved', 'declined', 'refunded');

CREATE TABLE "Reward" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "cost" INTEGER NOT NULL,
    "stock" INTEGER,
    "availableTo" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "archivedAt" TIMESTAMP(3),
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Reward_cost_positive" CHECK ("cost" > 0),
    CONSTRAINT "Reward_stock_not_negative" CHECK ("stock" IS NULL OR "stock" >= 0)
);

CREATE TABLE "RewardRequest" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "rewardId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "actorUserId" INTEGER NOT NULL,
    "status" "RewardRequestStatus" NOT NULL DEFAULT 'pending',
    "cost" INTEGER NOT NULL,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RewardRequest_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Reward_circleId_id_key" ON "Reward"("circleId", "id");
CREATE INDEX "Reward_circleId_idx" ON "Reward"("circleId");
CREATE INDEX "RewardRequest_circleId_status_id_idx" ON "RewardRequest"("circleId", "status", "id");
CREATE INDEX "RewardRequest_circleId_userId_id_idx" ON "RewardRequest"("circleId", "userId", "id");

ALTER TABLE "RewardRequest" ADD CONSTRAINT "RewardRequest_circleId_rewardId_fkey" FOREIGN KEY ("circleId", "rewardId")
  REFERENCES "Reward"("circleId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_circleId_fkey" FOREIGN KEY ("circleId") REFERENCES "Circle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Redeemed and refunded ledger rows name the request they are for.
ALTER TABLE "PointsEntry" ADD COLUMN "rewardRequestId" INTEGER;
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_reward_cause"
  CHECK ("kind" NOT IN ('redeemed', 'refunded') OR "rewardRequestId" IS NOT NULL);
