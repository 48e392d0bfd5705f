-- The member is told when someone starts acting as them, and admins review sessions (decision 0022).
ALTER TABLE "Circle" ADD COLUMN "impersonationNoticeForChildren" BOOLEAN NOT NULL DEFAULT true;

CREATE TYPE "ImpersonationNoticeStatus" AS ENUM ('pending', 'sending', 'sent', 'retrying', 'failed');

CREATE TABLE "ImpersonationNotice" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "impersonationSessionId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "channel" "ReminderChannel" NOT NULL,
    "status" "ImpersonationNoticeStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImpersonationNotice_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ImpersonationNotice_impersonationSessionId_channel_key" ON "ImpersonationNotice"("impersonationSessionId", "channel");
CREATE INDEX "ImpersonationNotice_status_nextAttemptAt_idx" ON "ImpersonationNotice"("status", "nextAttemptAt");
ALTER TABLE "ImpersonationNotice" ADD CONSTRAINT "ImpersonationNotice_impersonationSessionId_fkey"
    FOREIGN KEY ("impersonationSessionId") REFERENCES "ImpersonationSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE INDEX "ImpersonationSession_circleId_id_idx" ON "ImpersonationSession"("circleId", "id");
CREATE INDEX "ImpersonationSession_circleId_startedAt_idx" ON "ImpersonationSession"("circleId", "startedAt");

-- A session's actions and refusals are the audit events naming it (decision 0012 puts the id in every event's payload).
-- Text, not cast: an index expression that could fail would make inserts fail.
CREATE INDEX "AuditEvent_impersonationSessionId_idx" ON "AuditEvent" (("payload"->>'impersonationSessionId'), "outcome");
