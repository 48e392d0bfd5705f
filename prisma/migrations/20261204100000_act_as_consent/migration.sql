-- Consent for grown-ups (decision 0023): who may act as a member, and "ask me first" requests.
CREATE TYPE "ActAsConsent" AS ENUM ('anyone', 'ask', 'nobody');
CREATE TYPE "ActAsRequestStatus" AS ENUM ('pending', 'granted', 'declined', 'expired');
ALTER TABLE "User" ADD COLUMN "actAsConsent" "ActAsConsent" NOT NULL DEFAULT 'anyone';

CREATE TABLE "ActAsRequest" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "circleId" INTEGER NOT NULL,
    "actorUserId" INTEGER NOT NULL,
    "targetUserId" INTEGER NOT NULL,
    "reason" TEXT,
    "mode" "ImpersonationMode" NOT NULL,
    "status" "ActAsRequestStatus" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "respondedAt" TIMESTAMP(3),
    CONSTRAINT "ActAsRequest_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ActAsRequest_targetUserId_status_idx" ON "ActAsRequest"("targetUserId", "status");
CREATE INDEX "ActAsRequest_actorUserId_createdAt_idx" ON "ActAsRequest"("actorUserId", "createdAt");
ALTER TABLE "ActAsRequest" ADD CONSTRAINT "ActAsRequest_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- One pending request per asker and member: asking again returns the pending one.
CREATE UNIQUE INDEX "ActAsRequest_one_pending_key" ON "ActAsRequest"("actorUserId", "targetUserId") WHERE "status" = 'pending';
