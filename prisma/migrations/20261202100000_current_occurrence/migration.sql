-- When a chore's next occurrence is current, and when it may be done early (docs/decisions/0007).
ALTER TABLE "Chore" ADD COLUMN "currentFrom" TIMESTAMP(3),
ADD COLUMN "earlyFrom" TIMESTAMP(3);

-- Existing chores carry on from their history: the next occurrence is current from the due
-- time of the latest do or skip, and may be done early from the one before it.
WITH "ranked" AS (
  SELECT "choreId", "dueDate", row_number() OVER (PARTITION BY "choreId" ORDER BY "id" DESC) AS "n"
  FROM "ChoreHistory" WHERE "action" IN ('completed', 'skipped')
)
UPDATE "Chore" c SET "currentFrom" = "latest"."dueDate", "earlyFrom" = "before"."dueDate"
FROM "ranked" "latest" LEFT JOIN "ranked" "before" ON "before"."choreId" = "latest"."choreId" AND "before"."n" = 2
WHERE "latest"."n" = 1 AND "latest"."choreId" = c."id" AND "latest"."dueDate" < c."nextDueDate";
