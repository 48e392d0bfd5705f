-- Claiming an imported account (decision 0045).
-- Set by a circle import on the accounts it creates; cleared when the person claims it.
ALTER TABLE "User" ADD COLUMN "awaitingClaim" BOOLEAN NOT NULL DEFAULT false;

-- One open claim link per account: the token's sha256, who made it, until when.
CREATE TABLE "AccountClaim" (
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountClaim_pkey" PRIMARY KEY ("tokenHash")
);
CREATE UNIQUE INDEX "AccountClaim_userId_key" ON "AccountClaim"("userId");
ALTER TABLE "AccountClaim" ADD CONSTRAINT "AccountClaim_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
