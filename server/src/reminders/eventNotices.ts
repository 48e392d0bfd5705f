/**
 * "Approval needed" and "reward requested" (decision 0039): told to the circle's admins and
 * managers through their reminder channels, in the same once-only shape as the impersonation
 * notice (impersonationNotices.ts, which also sends these):
 *
 * 1. `claimEventNotices` runs inside the transaction that created the approval or the reward
 *    request and inserts one `pending` row per (event, subject, recipient, channel), a unique
 *    key. Nothing is sent for a request that rolled back.
 * 2. After commit the route calls `sendSoon()`; the periodic sweep takes what quiet hours held,
 *    retries, and rows left `pending` by a process that stopped.
 *
 * The person it is about, and whoever asked for them, are not told about their own request.
 */
import type { NoticeTickResult } from "./impersonationNotices";
import type { Database } from "../db/database";
import type { ReminderConfig } from "../config";
import { Prisma, type NoticeEvent, type ReminderChannel } from "../generated/prisma/client";
import { reminderTargets, sendOnChannel, type ChannelResult, type Reminder } from "./channels";
import { recordAttempt, withoutQuietHours } from "./scheduler";
import type { Logger } from "../logger";

type Tx = Prisma.TransactionClient;

/**
 * The channels a member has on, as (channel, on) rows over `u` (User) and `r` (ReminderSettings):
 * the same rule as `reachableChannels` in channels.ts, for claims made in one statement.
 */
export const CHANNELS_ON = Prisma.sql`(VALUES
  ('push', r."pushEnabled" AND EXISTS (SELECT 1 FROM "PushSubscription" p WHERE p."userId" = u."id")),
  ('webhook', r."webhookUrl" IS NOT NULL AND r."webhookSecret" IS NOT NULL),
  ('ntfy', r."ntfyServerUrl" IS NOT NULL AND r."ntfyTopic" IS NOT NULL),
  ('email', r."emailEnabled" AND u."email" IS NOT NULL),
  ('gotify', r."gotifyServerUrl" IS NOT NULL AND r."gotifyToken" IS NOT NULL),
  ('discord', r."discordWebhookUrl" IS NOT NULL),
  ('slack', r."slackWebhookUrl" IS NOT NULL),
  ('telegram', r."telegramBotToken" IS NOT NULL AND r."telegramChatId" IS NOT NULL)
) AS ch("channel", "on")`;

/** Claims the notices of a new approval or reward request, in its transaction; returns how many. */
export async function claimEventNotices(
  tx: Tx,
  notice: { circleId: number; event: NoticeEvent; subjectId: number; aboutUserIds: number[] },
): Promise<number> {
  const wants = notice.event === "approval_needed" ? Prisma.sql`r."notifyApprovalNeeded"` : Prisma.sql`r."notifyRewardRequested"`;
  return tx.$executeRaw`
    INSERT INTO "EventNotice" ("circleId", "event", "subjectId", "userId", "channel", "updatedAt")
    SELECT ${notice.circleId}, ${notice.event}::"NoticeEvent", ${notice.subjectId}, u."id", ch."channel"::"ReminderChannel", now()
    FROM "Membership" m
    JOIN "User" u ON u."id" = m."userId"
    JOIN "ReminderSettings" r ON r."userId" = u."id"
    CROSS JOIN LATERAL ${CHANNELS_ON}
    WHERE m."circleId" = ${notice.circleId} AND m."status" = 'active' AND m."role" IN ('admin', 'manager')
      AND u."id" <> ALL (${notice.aboutUserIds}::int[]) AND ${wants} AND ch."on"
    ON CONFLICT ("event", "subjectId", "userId", "channel") DO NOTHING`;
}

interface Taken {
  id: number;
  userId: number;
  circleId: number;
  event: NoticeEvent;
  subjectId: number;
  channel: ReminderChannel;
  attempts: number;
}

const WAITING = (now: Date) => [{ status: "pending" as const }, { status: "retrying" as const, nextAttemptAt: { lte: now } }];

/** Waiting rows whose recipient is not in quiet hours, moved to `sending` by this process alone. */
async function take(db: Database, now: Date): Promise<Taken[]> {
  const waiting = await db.prisma.eventNotice.findMany({ where: { OR: WAITING(now) }, select: { id: true, userId: true }, take: 500 });
  const ids = await withoutQuietHours(db.prisma, waiting, now);
  if (ids.length === 0) return [];
  return db.prisma.eventNotice.updateManyAndReturn({
    where: { id: { in: ids }, OR: WAITING(now) },
    data: { status: "sending", attempts: { increment: 1 } },
    select: { id: true, userId: true, circleId: true, event: true, subjectId: true, channel: true, attempts: true },
  });
}

/** What the admin or manager reads; null when the approval or request was decided before it went out. */
async function noticeText(db: Database, notice: Taken): Promise<string | null> {
  if (notice.event === "approval_needed") {
    const approval = await db.prisma.choreApproval.findFirst({
      where: { id: notice.subjectId, circleId: notice.circleId, status: "pending" },
      select: { userId: true, chore: { select: { name: true } } },
    });
    if (!approval) return null;
    const member = await db.prisma.user.findUnique({ where: { id: approval.userId }, select: { displayName: true } });
    return `${member?.displayName ?? "A member"} did “${approval.chore.name}”; it waits for your approval.`;
  }
  const request = await db.prisma.rewardRequest.findFirst({
    where: { id: notice.subjectId, circleId: notice.circleId, status: "pending" },
    select: { userId: true, cost: true, reward: { select: { name: true } } },
  });
  if (!request) return null;
  const member = await db.prisma.user.findUnique({ where: { id: request.userId }, select: { displayName: true } });
  return `${member?.displayName ?? "A member"} asked for “${request.reward.name}” (${request.cost} points).`;
}

/** Sends every event notice that may go out at `now`, recording each outcome. */
export async function sendEventNotices(
  { db, config, logger }: { db: Database; config: ReminderConfig; logger: Logger },
  now: Date,
): Promise<NoticeTickResult> {
  const taken = await take(db, now);
  const totals: NoticeTickResult = { sent: 0, retrying: 0, failed: 0 };
  await Promise.all(
    taken.map(async (notice) => {
      const [user, subscriptions, text] = await Promise.all([
        db.prisma.user.findUnique({ where: { id: notice.userId }, include: { reminderSettings: true } }),
        db.prisma.pushSubscription.findMany({ where: { userId: notice.userId }, orderBy: { id: "asc" } }),
        noticeText(db, notice),
      ]);
      let result: ChannelResult;
      if (text === null) result = { ok: false, status: null, error: "already decided", permanent: true };
      else if (!user?.reminderSettings)
        result = { ok: false, status: null, error: "the member's reminder settings are gone", permanent: true };
      else {
        const reminder: Reminder = {
          kind: notice.event,
          chore: null,
          notice: { subjectId: notice.subjectId, text },
          user: { id: user.id, username: user.username, timezone: user.timezone },
          sentAt: now,
        };
        result = await sendOnChannel(notice.channel, reminderTargets(user.reminderSettings, subscriptions, user.email), reminder, config);
      }
      const status = await recordAttempt(
        db,
        { result, attempts: notice.attempts, now },
        (data) => db.prisma.eventNotice.update({ where: { id: notice.id }, data }),
        (error, retry) =>
          logger.warn(
            { eventNoticeId: notice.id, channel: notice.channel, attempts: notice.attempts, error, retry },
            "event notice not delivered",
          ),
      );
      totals[status] += 1;
    }),
  );
  return totals;
}
