-- The points ledger (docs/decisions/0025-points-ledger.md): every change of a member's points
-- is a row; Membership.points stays as the balance, always the sum of the member's rows.
CREATE TYPE "PointsKind" AS ENUM ('opening', 'earned', 'undone', 'adjusted', 'redeemed', 'refunded', 'penalty', 'bonus');

CREATE TABLE "PointsEntry" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "actorUserId" INTEGER,
    "viaDeviceId" INTEGER,
    "kind" "PointsKind" NOT NULL,
    "amount" INTEGER NOT NULL,
    "balance" INTEGER NOT NULL,
    "choreId" INTEGER,
    "historyId" INTEGER,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointsEntry_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PointsEntry_amount_not_zero" CHECK ("amount" <> 0),
    -- Opening rows carry whatever the counter held; nothing since lets a balance go negative.
    CONSTRAINT "PointsEntry_balance_not_negative" CHECK ("balance" >= 0 OR "kind" = 'opening'),
    -- Only the migration's opening rows have no actor.
    CONSTRAINT "PointsEntry_actor" CHECK ("actorUserId" IS NOT NULL OR "kind" = 'opening'),
    CONSTRAINT "PointsEntry_chore_cause" CHECK ("kind" NOT IN ('earned', 'undone') OR ("choreId" IS NOT NULL AND "historyId" IS NOT NULL)),
    CONSTRAINT "PointsEntry_reason" CHECK ("kind" NOT IN ('opening', 'adjusted') OR "reason" IS NOT NULL)
);

CREATE INDEX "PointsEntry_circleId_userId_id_idx" ON "PointsEntry"("circleId", "userId", "id");

-- The ledger is append-only, like the audit log.
CREATE FUNCTION "points_entry_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'PointsEntry is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "PointsEntry_append_only" BEFORE UPDATE OR DELETE ON "PointsEntry"
  FOR EACH ROW EXECUTE FUNCTION "points_entry_append_only"();

-- Points earned before the ledger become one opening row per member, so balances stay as they were.
INSERT INTO "PointsEntry" ("circleId", "userId", "kind", "amount", "balance", "reason", "createdAt")
SELECT "circleId", "userId", 'opening', "points", "points", 'Opening balance', CURRENT_TIMESTAMP
FROM "Membership" WHERE "points" <> 0
ORDER BY "id";
