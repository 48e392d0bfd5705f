-- Children's accounts (no email; PIN sign-in with a lock after wrong PINs) and shared
-- tablets (device tokens; history, chores and audit remember the device an action came through).

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "pinFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pinHash" TEXT,
ADD COLUMN     "pinLockedUntil" TIMESTAMP(3),
ALTER COLUMN "email" DROP NOT NULL,
ALTER COLUMN "emailKey" DROP NOT NULL,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "viaDeviceId" INTEGER;

-- AlterTable
ALTER TABLE "Chore" ADD COLUMN     "viaDeviceId" INTEGER;

-- AlterTable
ALTER TABLE "ChoreHistory" ADD COLUMN     "viaDeviceId" INTEGER;

-- CreateTable
CREATE TABLE "Device" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Device_tokenHash_key" ON "Device"("tokenHash");

-- CreateIndex
CREATE INDEX "Device_circleId_idx" ON "Device"("circleId");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_circleId_fkey" FOREIGN KEY ("circleId") REFERENCES "Circle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Chore" ADD CONSTRAINT "Chore_viaDeviceId_fkey" FOREIGN KEY ("viaDeviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChoreHistory" ADD CONSTRAINT "ChoreHistory_viaDeviceId_fkey" FOREIGN KEY ("viaDeviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

