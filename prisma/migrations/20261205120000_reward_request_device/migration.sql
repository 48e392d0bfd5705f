-- A reward asked for on a shared tablet names the tablet (decision 0026), like chores and the ledger.
ALTER TABLE "RewardRequest" ADD COLUMN "viaDeviceId" INTEGER;
