-- Seasonal chores: the months (1-12) a chore is scheduled in; empty means all year
-- (docs/decisions/0033-seasonal-chores.md).
ALTER TABLE "Chore" ADD COLUMN "activeMonths" INTEGER[] DEFAULT ARRAY[]::INTEGER[];
