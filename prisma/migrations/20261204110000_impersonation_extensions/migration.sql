-- How many times each impersonation session was extended (decision 0024).
ALTER TABLE "ImpersonationSession" ADD COLUMN "extensionCount" INTEGER NOT NULL DEFAULT 0;
