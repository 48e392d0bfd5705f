-- Statistics (docs/decisions/0029-statistics.md) read a circle's history and ledger rows
-- from a date on; without these they would scan every row the circle ever wrote.
CREATE INDEX "ChoreHistory_circleId_createdAt_idx" ON "ChoreHistory"("circleId", "createdAt");
CREATE INDEX "PointsEntry_circleId_createdAt_idx" ON "PointsEntry"("circleId", "createdAt");
