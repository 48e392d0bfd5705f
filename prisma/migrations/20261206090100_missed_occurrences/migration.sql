-- Missed occurrences and completion windows (docs/decisions/0031-missed-occurrences.md).
ALTER TABLE "Chore" ADD COLUMN "completionWindowMinutes" INTEGER,
  ADD CONSTRAINT "Chore_completion_window_bounds" CHECK ("completionWindowMinutes" IS NULL OR "completionWindowMinutes" BETWEEN 1 AND 44640);

-- What the scheduler scans every tick: open chores by due date.
CREATE INDEX "Chore_open_due_idx" ON "Chore"("nextDueDate") WHERE NOT "archived" AND "finishedAt" IS NULL;

-- An occurrence is missed once, whichever process or late do or skip gets there first.
CREATE UNIQUE INDEX "ChoreHistory_missed_once" ON "ChoreHistory"("choreId", "dueDate") WHERE "action" = 'missed';
