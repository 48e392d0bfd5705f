-- A photo sent with a completion that needs approval waits with it and is shown in the
-- queue (docs/decisions/0030-photo-proof.md, 0027-completion-approval.md).
ALTER TABLE "ChorePhoto" ADD COLUMN "approvalId" INTEGER;

CREATE UNIQUE INDEX "ChorePhoto_approvalId_key" ON "ChorePhoto"("approvalId");

ALTER TABLE "ChorePhoto" ADD CONSTRAINT "ChorePhoto_approvalId_fkey" FOREIGN KEY ("approvalId") REFERENCES "ChoreApproval"("id") ON DELETE SET NULL ON UPDATE CASCADE;
