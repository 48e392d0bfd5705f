-- Shared chores (decision 0035): everyone / anyone assignment modes.
CREATE TYPE "AssignmentMode" AS ENUM ('rotation', 'everyone', 'anyone');

ALTER TABLE "Chore" ADD COLUMN "assignmentMode" "AssignmentMode" NOT NULL DEFAULT 'rotation',
  ADD COLUMN "onlyAssigneeCompletes" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "ChoreHistory" ADD COLUMN "forPart" BOOLEAN NOT NULL DEFAULT false;

-- An occurrence is resolved once; an everyone chore's part once per member (the row lock orders
-- requests, these back it up, also for a one-off chore without a due date).
DROP INDEX "ChoreHistory_one_outcome_per_occurrence";
CREATE UNIQUE INDEX "ChoreHistory_one_outcome_per_occurrence" ON "ChoreHistory"("choreId", "dueDate")
  WHERE "action" IN ('completed', 'skipped') AND "dueDate" IS NOT NULL AND NOT "forPart";
CREATE UNIQUE INDEX "ChoreHistory_one_outcome_per_part" ON "ChoreHistory"("choreId", "dueDate", "performedAsId") NULLS NOT DISTINCT
  WHERE "action" IN ('completed', 'skipped') AND "forPart";

-- Missed and penalties are per member whose turn it was: an everyone chore's open parts, an
-- unclaimed pool (decision 0035); one member per occurrence for the other chores, as before.
DROP INDEX "ChoreHistory_missed_once";
CREATE UNIQUE INDEX "ChoreHistory_missed_once" ON "ChoreHistory"("choreId", "dueDate", "performedAsId") WHERE "action" = 'missed';
DROP INDEX "ChorePenalty_circleId_choreId_dueDate_key";
CREATE UNIQUE INDEX "ChorePenalty_circleId_choreId_dueDate_userId_key" ON "ChorePenalty"("circleId", "choreId", "dueDate", "userId");
