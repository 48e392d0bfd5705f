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
