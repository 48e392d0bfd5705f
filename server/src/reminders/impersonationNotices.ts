/**
 * Telling a member that someone started acting as them (decision 0022), through the
 * reminder channels they turned on. The same once-only shape as reminders (scheduler.ts):
 *
 * 1. `claimImpersonationNotices` runs inside the transaction that starts the session and
 *    inserts one `pending` row per channel under a unique key (session, channel). A session
 *    that never committed has no notice; a committed one always has its rows.
 * 2. After commit, `sendSoon()` sends them in the background (the request does not wait).
 *    A process takes a row by moving it from `pending` or `retrying` to `sending` in one
 *    conditional UPDATE, so two processes never both send it. Rows held by the member's
 *    quiet hours, due for a retry, or left `pending` by a process that stopped before
 *    sending are taken by the periodic sweep (`start()`, every reminder interval).
 *
 * The same sender also sends approval and reward notices (eventNotices.ts).
 *
 * Failures are retried like reminders (MAX_ATTEMPTS, doubling waits); a row left `sending`
 * by a killed process is not retried, because a duplicate is worse than a missing one.
 */
import type { ReminderChannel } from "@chorus/shared";
import { describeFailure, isDatabaseUnavailable } from "../db/failures";
import type { AppConfig } from "../config";
import type { Database } from "../db/database";
import type { Logger } from "../logger";
import type { Prisma } from "../generated/prisma/client";
import { reminderTargets, sendOnChannel, type ChannelResult } from "./channels";
import { CHANNELS_ON, sendEventNotices } from "./eventNotices";
import { recordAttempt, withoutQuietHours } from "./scheduler";

type Tx = Prisma.TransactionClient;

/**
 * Claims the notices of a session that has just started, in its own transaction: one per
 * channel the member has on. Children (accounts without an email) are told only while their
 * circle's `impersonationNoticeForChildren` is on; adults always are.
 */
export async function claimImpersonationNotices(tx: Tx, session: { id: number; circleId: number; targetUserId: number }): Promise<number> {
  const claimed = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "ImpersonationNotice" ("circleId", "impersonationSessionId", "userId", "channel", "updatedAt")
    SELECT ${session.circleId}, ${session.id}, u."id", ch."channel"::"ReminderChannel", now()
    FROM "User" u
    JOIN "ReminderSettings" r ON r."userId" = u."id"
    JOIN "Circle" c ON c."id" = ${session.circleId}
    CROSS JOIN LATERAL ${CHANNELS_ON}
    WHERE u."id" = ${session.targetUserId} AND ch."on" AND (u."email" IS NOT NULL OR c."impersonationNoticeForChildren")
    ON CONFLICT ("impersonationSessionId", "channel") DO NOTHING
    RETURNING "id"`;
  return claimed.length;
}

export interface NoticeTickResult {
  sent: number;
  retrying: number;
  failed: number;
}

export interface ImpersonationNotices {
  /** Sends what is waiting now, in the background; calls while one runs make it run once more. */
  sendSoon(): void;
  /** Sends every notice that may go out at `now`. */
  runOnce(now?: Date): Promise<NoticeTickResult>;
  /** Sweeps every reminder interval (nothing when it is 0). */
  start(): void;
  /** Stops sweeping and waits for sends in progress. */
  stop(): Promise<void>;
}

interface Taken {
  id: number;
  userId: number;
  channel: ReminderChannel;
  attempts: number;
  impersonationSessionId: number;
}

export function createImpersonationNotices({
  db,
  config,
  logger,
}: {
  db: Database;
  config: AppConfig;
  logger: Logger;
}): ImpersonationNotices {
  /** Waiting rows whose member is not in quiet hours, moved to `sending` by this process alone. */
  async function take(now: Date): Promise<Taken[]> {
    const waiting = await db.prisma.impersonationNotice.findMany({
      where: { OR: [{ status: "pending" }, { status: "retrying", nextAttemptAt: { lte: now } }] },
      select: { id: true, userId: true },
      take: 500,
    });
    const ids = await withoutQuietHours(db.prisma, waiting, now);
    if (ids.length === 0) return [];
    return db.prisma.impersonationNotice.updateManyAndReturn({
      where: { id: { in: ids }, OR: [{ status: "pending" }, { status: "retrying", nextAttemptAt: { lte: now } }] },
      data: { status: "sending", attempts: { increment: 1 } },
      select: { id: true, userId: true, channel: true, attempts: true, impersonationSessionId: true },
    });
  }

  async function deliver(taken: Taken[], now: Date): Promise<NoticeTickResult> {
    const userIds = [...new Set(taken.map(({ userId }) => userId))];
    const [sessions, users, subscriptions] = await Promise.all([
      db.prisma.impersonationSession.findMany({
        where: { id: { in: [...new Set(taken.map(({ impersonationSessionId }) => impersonationSessionId))] } },
        select: { id: true, actorUserId: true, reason: true, mode: true, startedAt: true },
      }),
      db.prisma.user.findMany({ where: { id: { in: userIds } }, include: { reminderSettings: true } }),
      db.prisma.pushSubscription.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    ]);
    const actors = await db.prisma.user.findMany({
      where: { id: { in: [...new Set(sessions.map(({ actorUserId }) => actorUserId))] } },
      select: { id: true, displayName: true },
    });
    const sessionById = new Map(sessions.map((session) => [session.id, session]));
    const userById = new Map(users.map((user) => [user.id, user]));
    const actorById = new Map(actors.map((actor) => [actor.id, actor]));
    const totals: NoticeTickResult = { sent: 0, retrying: 0, failed: 0 };

    await Promise.all(
      taken.map(async (notice) => {
        const session = sessionById.get(notice.impersonationSessionId);
        const user = userById.get(notice.userId);
        const actor = session && actorById.get(session.actorUserId);
        let result: ChannelResult;
        if (!session || !user?.reminderSettings || !actor) {
          result = { ok: false, status: null, error: "the member's reminder settings are gone", permanent: true };
        } else {
          const targets = reminderTargets(
            user.reminderSettings,
            subscriptions.filter(({ userId }) => userId === user.id),
            user.email,
          );
          result = await sendOnChannel(
            notice.channel,
            targets,
            {
              kind: "impersonation_started",
              chore: null,
              impersonation: {
                sessionId: session.id,
                actor: { id: actor.id, displayName: actor.displayName },
                mode: session.mode,
                reason: session.reason,
                startedAt: session.startedAt,
              },
              user: { id: user.id, username: user.username, timezone: user.timezone },
              sentAt: now,
            },
            config.reminders,
          );
        }
        totals[await record(notice, result, now)] += 1;
      }),
    );
    return totals;
  }

  function record(notice: Taken, result: ChannelResult, now: Date): Promise<keyof NoticeTickResult> {
    return recordAttempt(
      db,
      { result, attempts: notice.attempts, now },
      (data) => db.prisma.impersonationNotice.update({ where: { id: notice.id }, data }),
      (error, retry) =>
        logger.warn(
          { impersonationNoticeId: notice.id, channel: notice.channel, attempts: notice.attempts, error, retry },
          "impersonation notice not delivered",
        ),
    );
  }

  /** Impersonation notices, then approval and reward notices (eventNotices.ts), which share this sender. */
  async function runOnce(now = new Date()): Promise<NoticeTickResult> {
    const own = await deliver(await take(now), now);
    const events = await sendEventNotices({ db, config: config.reminders, logger }, now);
    return { sent: own.sent + events.sent, retrying: own.retrying + events.retrying, failed: own.failed + events.failed };
  }

  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function run(): Promise<void> {
    return runOnce()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) logger.debug(`impersonation notices skipped: ${describeFailure(error)}`);
        else logger.error({ err: error }, "impersonation notices failed");
      });
  }

  function sendSoon() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
      if (again) {
        again = false;
        sendSoon();
      }
    });
  }

  const sweep = () => {
    timer = null;
    sendSoon();
    if (!stopped) timer = setTimeout(sweep, config.reminders.intervalSeconds * 1000);
  };

  return {
    sendSoon,
    runOnce,
    start() {
      if (config.reminders.intervalSeconds === 0 || stopped || timer) return;
      timer = setTimeout(sweep, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      // Once stopped, a run in progress starts no other (sendSoon refuses), so one wait is enough.
      await running;
    },
  };
}
