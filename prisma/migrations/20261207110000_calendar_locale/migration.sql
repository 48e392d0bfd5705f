-- The calendar view (docs/decisions/0036-calendar-view.md): the circle's locale decides the
-- first day of the week, and the calendar reads a range of history by occurrence due date.
ALTER TABLE "Circle" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en-US';

CREATE INDEX "ChoreHistory_circleId_dueDate_idx" ON "ChoreHistory"("circleId", "dueDate");
