-- Checklists: ordered subtasks on a chore, ticked per occurrence (docs/decisions/0032-checklists.md).
-- AlterTable
ALTER TABLE "Chore" ADD COLUMN     "checklistRequired" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ChoreChecklistItem" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "choreId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChoreChecklistItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChoreChecklistTick" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "choreId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "dueDate" TIMESTAMP(3),
    "tickedById" INTEGER NOT NULL,
    "performedAsId" INTEGER NOT NULL,
    "viaDeviceId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChoreChecklistTick_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChoreChecklistItem_choreId_position_idx" ON "ChoreChecklistItem"("choreId", "position");

-- CreateIndex
CREATE INDEX "ChoreChecklistTick_choreId_dueDate_idx" ON "ChoreChecklistTick"("choreId", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "ChoreChecklistTick_itemId_dueDate_key" ON "ChoreChecklistTick"("itemId", "dueDate");

-- AddForeignKey
ALTER TABLE "ChoreChecklistItem" ADD CONSTRAINT "ChoreChecklistItem_circleId_choreId_fkey" FOREIGN KEY ("circleId", "choreId") REFERENCES "Chore"("circleId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChoreChecklistTick" ADD CONSTRAINT "ChoreChecklistTick_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ChoreChecklistItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

