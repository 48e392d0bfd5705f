-- The audit page asks which deleted chores on it were public: by entity, not by scanning
-- every `chore.deleted` event of the circle (docs/performance.md, "Growth").

-- CreateIndex
CREATE INDEX "AuditEvent_circleId_entityType_entityId_idx" ON "AuditEvent"("circleId", "entityType", "entityId");
