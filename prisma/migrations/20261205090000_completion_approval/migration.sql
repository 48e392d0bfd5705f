-- Completion approval (docs/decisions/0027-completion-approval.md).
CREATE TYPE "ApprovalStatus" AS ENUM ('pending', 'approved', 'rejected');

ALTER TABLE "Chore" ADD COLUMN "needsApproval" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "pendingApprovalId" INTEGER,
  ADD COLUMN "rejectionNote" TEXT,
  ADD COLUMN "rejectedById" INTEGER,
  ADD COLUMN "rejectedAt" TIMESTAMP(3);

CREATE TABLE "ChoreApproval" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "choreId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "actorUserId" INTEGER NOT NULL,
    "viaDeviceId" INTEGER,
    "dueDate" TIMESTAMP(3),
    "note" TEXT,
    "completedAt" TIMESTAMP(3) NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "historyId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChoreApproval_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ChoreApproval_circleId_status_id_idx" ON "ChoreApproval"("circleId", "status", "id");
CREATE INDEX "ChoreApproval_choreId_id_idx" ON "ChoreApproval"("choreId", "id");
-- One waiting completion per chore, whatever runs in parallel.
CREATE UNIQUE INDEX "ChoreApproval_one_pending_per_chore" ON "ChoreApproval"("choreId") WHERE "status" = 'pending';

ALTER TABLE "ChoreApproval" ADD CONSTRAINT "ChoreApproval_circleId_choreId_fkey" FOREIGN KEY ("circleId", "choreId")
  REFERENCES "Chore"("circleId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
