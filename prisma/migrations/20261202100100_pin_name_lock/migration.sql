-- PIN locks of usernames that have no account with a PIN, so that a lock never tells
-- whether a username exists (docs/decisions/0011-kids-and-tablets.md).
CREATE TABLE "PinNameLock" (
    "username" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PinNameLock_pkey" PRIMARY KEY ("username")
);

-- Old rows are deleted by age.
CREATE INDEX "PinNameLock_updatedAt_idx" ON "PinNameLock"("updatedAt");
