-- An impersonation session either only looks or also acts (issue 16). Sessions from
-- before this migration could act, so they keep doing so.
CREATE TYPE "ImpersonationMode" AS ENUM ('view', 'act');
ALTER TABLE "ImpersonationSession" ADD COLUMN "mode" "ImpersonationMode" NOT NULL DEFAULT 'act';
