-- Away dates of a member and circle-wide pauses (docs/decisions/0034-away-mode.md).
CREATE TABLE "AwayPeriod" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "userId" INTEGER,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AwayPeriod_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AwayPeriod_circleId_endsAt_idx" ON "AwayPeriod"("circleId", "endsAt");

ALTER TABLE "AwayPeriod" ADD CONSTRAINT "AwayPeriod_circleId_fkey" FOREIGN KEY ("circleId") REFERENCES "Circle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "AwayPeriod" ADD CONSTRAINT "AwayPeriod_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
