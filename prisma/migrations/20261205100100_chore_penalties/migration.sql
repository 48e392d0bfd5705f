-- Mandatory chores and their penalties (docs/decisions/0028-mandatory-chores-and-penalties.md).
ALTER TABLE "Chore" ADD COLUMN "penaltyPoints" INTEGER,
  ADD COLUMN "penaltyGraceMinutes" INTEGER NOT NULL DEFAULT 0,
  ADD CONSTRAINT "Chore_penalty_bounds" CHECK (("penaltyPoints" IS NULL OR "penaltyPoints" BETWEEN 1 AND 1000)
    AND "penaltyGraceMinutes" BETWEEN 0 AND 10080);

-- What the scheduler scans every tick: mandatory chores still open, by due date.
CREATE INDEX "Chore_penalty_due_idx" ON "Chore"("nextDueDate")
  WHERE "penaltyPoints" IS NOT NULL AND NOT "archived" AND "finishedAt" IS NULL;

-- One row per missed occurrence: the unique key is what makes a penalty once, whichever
-- process or restart gets there first.
CREATE TABLE "ChorePenalty" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "choreId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "points" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChorePenalty_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ChorePenalty_points_positive" CHECK ("points" > 0)
);
CREATE UNIQUE INDEX "ChorePenalty_circleId_choreId_dueDate_key" ON "ChorePenalty"("circleId", "choreId", "dueDate");

-- Ledger rows of a penalty and of its waiving name it; each at most once per penalty.
ALTER TABLE "PointsEntry" ADD COLUMN "penaltyId" INTEGER;
CREATE UNIQUE INDEX "PointsEntry_penaltyId_kind_key" ON "PointsEntry"("penaltyId", "kind");
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_penalty_cause"
  CHECK ("kind" NOT IN ('penalty', 'waived') OR ("penaltyId" IS NOT NULL AND "choreId" IS NOT NULL));
-- A penalty takes at most the balance, so it may take nothing (the miss is still recorded);
-- its waiving gives back what it took. The scheduler, not a person, applies penalties.
ALTER TABLE "PointsEntry" DROP CONSTRAINT "PointsEntry_amount_not_zero",
  ADD CONSTRAINT "PointsEntry_amount_not_zero" CHECK ("amount" <> 0 OR "kind" IN ('penalty', 'waived')),
  DROP CONSTRAINT "PointsEntry_actor",
  ADD CONSTRAINT "PointsEntry_actor" CHECK ("actorUserId" IS NOT NULL OR "kind" IN ('opening', 'penalty'));
