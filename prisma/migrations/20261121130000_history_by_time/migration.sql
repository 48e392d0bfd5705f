-- History is paged newest first by the time an action counts (completions may be back-dated).
DROP INDEX "ChoreHistory_choreId_id_idx";

CREATE INDEX "ChoreHistory_choreId_createdAt_id_idx" ON "ChoreHistory"("choreId", "createdAt", "id");
