-- A do or skip keeps the chore state it replaced, so it can be undone.
ALTER TABLE "ChoreHistory" ADD COLUMN     "priorState" JSONB;
