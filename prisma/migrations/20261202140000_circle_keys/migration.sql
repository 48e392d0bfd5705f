-- Every circle-owned row carries its circle (docs/decisions/0019-distributing-by-circle.md):
-- chore assignees and reminder deliveries get a "circleId", backfilled from their chore,
-- and the rows that belong to a chore reference it by ("circleId", "id"), so the key a
-- distributed engine would shard by is part of each foreign key and cannot disagree
-- with the chore's.

-- CreateIndex
CREATE UNIQUE INDEX "Chore_circleId_id_key" ON "Chore"("circleId", "id");

-- AlterTable
ALTER TABLE "ChoreAssignee" ADD COLUMN "circleId" INTEGER;
UPDATE "ChoreAssignee" a SET "circleId" = c."circleId" FROM "Chore" c WHERE c."id" = a."choreId";
ALTER TABLE "ChoreAssignee" ALTER COLUMN "circleId" SET NOT NULL;

-- AlterTable
ALTER TABLE "ReminderDelivery" ADD COLUMN "circleId" INTEGER;
UPDATE "ReminderDelivery" d SET "circleId" = c."circleId" FROM "Chore" c WHERE c."id" = d."choreId";
ALTER TABLE "ReminderDelivery" ALTER COLUMN "circleId" SET NOT NULL;

-- DropIndex
DROP INDEX "ChoreAssignee_userId_idx";

-- CreateIndex
CREATE INDEX "ChoreAssignee_circleId_userId_idx" ON "ChoreAssignee"("circleId", "userId");

-- DropForeignKey
ALTER TABLE "ChoreAssignee" DROP CONSTRAINT "ChoreAssignee_choreId_fkey";
ALTER TABLE "ChoreHistory" DROP CONSTRAINT "ChoreHistory_choreId_fkey";
ALTER TABLE "ReminderDelivery" DROP CONSTRAINT "ReminderDelivery_choreId_fkey";

-- AddForeignKey
ALTER TABLE "ChoreAssignee" ADD CONSTRAINT "ChoreAssignee_circleId_choreId_fkey" FOREIGN KEY ("circleId", "choreId") REFERENCES "Chore"("circleId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChoreHistory" ADD CONSTRAINT "ChoreHistory_circleId_choreId_fkey" FOREIGN KEY ("circleId", "choreId") REFERENCES "Chore"("circleId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReminderDelivery" ADD CONSTRAINT "ReminderDelivery_circleId_choreId_fkey" FOREIGN KEY ("circleId", "choreId") REFERENCES "Chore"("circleId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
