-- Abuse limits (docs/decisions/0006-abuse-limits-and-input-hardening.md): both checks are
-- one indexed look-up, so they hold across several server processes sharing the database.

-- Refused impersonation attempts are recorded at most once per actor and reason a minute.
CREATE INDEX "AuditEvent_actorUserId_action_createdAt_idx" ON "AuditEvent"("actorUserId", "action", "createdAt");

-- Timer starts and pauses are limited per person a minute.
CREATE INDEX "ChoreHistory_updatedById_createdAt_idx" ON "ChoreHistory"("updatedById", "createdAt");
