-- Act-as sessions, the "acted for you" read marker and calendar feeds (docs/decisions/0012).
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "actedForMeSeenAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ActAsSession" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "circleId" INTEGER NOT NULL,
    "actorUserId" INTEGER NOT NULL,
    "targetUserId" INTEGER NOT NULL,
    "reason" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ActAsSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "ActAsSession_targetUserId_startedAt_idx" ON "ActAsSession"("targetUserId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "ChoreHistory_performedAsId_createdAt_idx" ON "ChoreHistory"("performedAsId", "createdAt");

-- AddForeignKey
ALTER TABLE "ActAsSession" ADD CONSTRAINT "ActAsSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: one open act-as session per sign-in and target. It is also the index the
-- acting-context statement uses to find that session.
CREATE UNIQUE INDEX "ActAsSession_one_open_per_session_target" ON "ActAsSession"("sessionId", "targetUserId") WHERE "endedAt" IS NULL;
