-- Email, Gotify, Discord, Slack and Telegram channels; approval and reward notices (docs/decisions/0039-more-channels-and-events.md).
ALTER TYPE "ReminderChannel" ADD VALUE 'email';
ALTER TYPE "ReminderChannel" ADD VALUE 'gotify';
ALTER TYPE "ReminderChannel" ADD VALUE 'discord';
ALTER TYPE "ReminderChannel" ADD VALUE 'slack';
ALTER TYPE "ReminderChannel" ADD VALUE 'telegram';

CREATE TYPE "NoticeEvent" AS ENUM ('approval_needed', 'reward_requested');

ALTER TABLE "ReminderSettings"
    ADD COLUMN "emailEnabled" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "gotifyServerUrl" TEXT,
    ADD COLUMN "gotifyToken" TEXT,
    ADD COLUMN "discordWebhookUrl" TEXT,
    ADD COLUMN "slackWebhookUrl" TEXT,
    ADD COLUMN "telegramBotToken" TEXT,
    ADD COLUMN "telegramChatId" TEXT,
    ADD COLUMN "notifyApprovalNeeded" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "notifyRewardRequested" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "EventNotice" (
    "id" SERIAL NOT NULL,
    "circleId" INTEGER NOT NULL,
    "event" "NoticeEvent" NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "channel" "ReminderChannel" NOT NULL,
    "status" "ImpersonationNoticeStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventNotice_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "EventNotice_event_subjectId_userId_channel_key" ON "EventNotice"("event", "subjectId", "userId", "channel");
CREATE INDEX "EventNotice_status_nextAttemptAt_idx" ON "EventNotice"("status", "nextAttemptAt");

ALTER TABLE "EventNotice" ADD CONSTRAINT "EventNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
