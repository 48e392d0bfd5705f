-- One name for the feature (docs/decisions/0015): the act-as session table is the
-- impersonation session table. A rename keeps every row, index and constraint.
ALTER TABLE "ActAsSession" RENAME TO "ImpersonationSession";
ALTER SEQUENCE "ActAsSession_id_seq" RENAME TO "ImpersonationSession_id_seq";
ALTER INDEX "ActAsSession_targetUserId_startedAt_idx" RENAME TO "ImpersonationSession_targetUserId_startedAt_idx";
ALTER INDEX "ActAsSession_one_open_per_session_target" RENAME TO "ImpersonationSession_one_open_per_session_target";

-- The primary key, the foreign key and, where the engine names them (PGlite does,
-- PostgreSQL 15 does not), the NOT NULL constraints.
DO $$
DECLARE
  old_name text;
BEGIN
  FOR old_name IN
    SELECT conname FROM pg_constraint
    WHERE conrelid = '"ImpersonationSession"'::regclass AND conname LIKE 'ActAsSession\_%'
  LOOP
    EXECUTE format('ALTER TABLE "ImpersonationSession" RENAME CONSTRAINT %I TO %I',
      old_name, 'ImpersonationSession' || substr(old_name, length('ActAsSession') + 1));
  END LOOP;
END $$;
