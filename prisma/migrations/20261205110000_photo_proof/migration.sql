-- Photo proof of completions (docs/decisions/0030-photo-proof.md).
ALTER TABLE "Chore" ADD COLUMN "photoRequired" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "ChorePhoto" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "choreId" INTEGER NOT NULL,
    "historyId" INTEGER,
    "uploadedById" INTEGER NOT NULL,
    "forUserId" INTEGER NOT NULL,
    "contentType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "data" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiredAt" TIMESTAMP(3),

    CONSTRAINT "ChorePhoto_pkey" PRIMARY KEY ("id"),
    -- A photo keeps its bytes until it expires, and then only the fact that it existed.
    CONSTRAINT "ChorePhoto_data_or_expired" CHECK (("data" IS NULL) = ("expiredAt" IS NOT NULL))
);

CREATE UNIQUE INDEX "ChorePhoto_historyId_key" ON "ChorePhoto"("historyId");
CREATE INDEX "ChorePhoto_createdAt_idx" ON "ChorePhoto"("createdAt");

ALTER TABLE "ChorePhoto" ADD CONSTRAINT "ChorePhoto_circleId_choreId_fkey" FOREIGN KEY ("circleId", "choreId") REFERENCES "Chore"("circleId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ChorePhoto" ADD CONSTRAINT "ChorePhoto_historyId_fkey" FOREIGN KEY ("historyId") REFERENCES "ChoreHistory"("id") ON DELETE CASCADE ON UPDATE CASCADE;
