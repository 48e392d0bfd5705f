/**
 * The reminder scheduler. Every tick finds chores that are due or overdue for their
 * current assignee and sends each reminder once per (chore, occurrence, member, kind,
 * channel). Once is guaranteed by the database, not by this process:
 *
 * 1. In one transaction, `pg_try_advisory_xact_lock` lets one process per database run
 *    the tick (the others skip it), and the reminders to send are *claimed* by inserting
 *    rows under a unique key (`INSERT … ON CONFLICT DO NOTHING`). A restart, or a second
 *    process that got the lock a moment later, finds the rows already there.
 * 2. After commit, the claimed reminders are sent (network calls never hold the
 *    transaction open) and each row records the outcome: sent, retrying at a later time,
 *    or failed for good. A process killed mid-send leaves its rows `sending`; they are not
 *    retried, because a duplicate reminder is worse than a missing one.
 *
 * Each tick first charges mandatory chores' missed occurrences (services/penalties.ts) and
 * records missed occurrences (services/missed.ts).
 *
 * Tests call `runOnce(now)` directly; `start()` runs it every `intervalSeconds`.
 */
import type { ReminderChannel } from "@chorus/shared";
import { DateTime } from "luxon";
import { describeFailure, isDatabaseUnavailable } from "../db/failures";
import { awayAt } from "../services/away";
import type { AppDeps } from "../deps";
import type { Prisma } from "../generated/prisma/client";
import { recordMissedOccurrences } from "../services/missed";
import { applyDuePenalties } from "../services/penalties";
import { expirePhotos } from "../services/photos";
import { loadResolvedParts, whoseTurn } from "../services/chores/records";
import { reachableChannels, reminderTargets, sendOnChannel, type ChannelResult, type Reminder } from "./channels";

/** Shared by every Chorus process on one database; differs from the migration lock's key. */
export const SCHEDULER_LOCK_KEY = 72_411_907;
/** Attempts per reminder, the first included; waits between them double from one minute. */
export const MAX_ATTEMPTS = 5;
const SEND_CONCURRENCY = 8;
/** Delivery rows of past occurrences are kept this long after their last change ("why did I get it?"). */
export const DELIVERY_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 3_600_000;

type Tx = Prisma.TransactionClient;

interface Claim {
  id: number;
  choreId: number;
  userId: number;
  dueDate: Date;
  kind: "due" | "overdue";
  channel: ReminderChannel;
  attempts: number;
}

export interface TickResult {
  /** False when another process held the scheduler lock. */
  ran: boolean;
  sent: number;
  retrying: number;
  failed: number;
}

export interface ReminderScheduler {
  runOnce(now?: Date): Promise<TickResult>;
  /** Ticks every `intervalSeconds` until stopped; does nothing when the interval is 0. */
  start(): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/** Whether `now` falls in quiet hours ("HH:mm" to "HH:mm" in `timezone`; a start after the end spans midnight). */
const everyoneChoreIds = (chores: readonly { id: number; assignmentMode: string }[]) =>
  chores.filter((chore) => chore.assignmentMode === "everyone").map(({ id }) => id);

export function inQuietHours(now: Date, timezone: string, start: string | null, end: string | null): boolean {
  if (!start || !end || start === end) return false;
  const local = DateTime.fromJSDate(now).setZone(timezone);
  const minutes = local.hour * 60 + local.minute;
  const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const [from, to] = [toMinutes(start), toMinutes(end)];
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/** The ids of `rows` whose member is not in quiet hours at `now` (notices wait for them to end). */
export async function withoutQuietHours(
  prisma: Pick<Tx, "reminderSettings">,
  rows: { id: number; userId: number }[],
  now: Date,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const settings = await prisma.reminderSettings.findMany({
    where: { userId: { in: [...new Set(rows.map(({ userId }) => userId))] } },
    select: { userId: true, quietStart: true, quietEnd: true, user: { select: { timezone: true } } },
  });
  const quiet = new Set(
    settings.filter((row) => inQuietHours(now, row.user.timezone, row.quietStart, row.quietEnd)).map(({ userId }) => userId),
  );
  return rows.filter(({ userId }) => !quiet.has(userId)).map(({ id }) => id);
}

export function retryDelayMs(attempts: number): number {
  return 60_000 * 2 ** (attempts - 1);
}

export type DeliveryStatus = "sent" | "retrying" | "failed";

/**
 * What one send attempt makes of a delivery row (a reminder's or an impersonation notice's):
 * sent, retried later with a growing delay, or given up after MAX_ATTEMPTS or a permanent
 * refusal. `update` stores the fields on the row; push subscriptions the service said are
 * gone are removed either way.
 */
export async function recordAttempt(
  db: AppDeps["db"],
  attempt: { result: ChannelResult; attempts: number; now: Date },
  update: (data: { status: DeliveryStatus; sentAt?: Date; lastError: string | null; nextAttemptAt: Date | null }) => Promise<unknown>,
  warn: (error: string, retry: boolean) => void,
): Promise<DeliveryStatus> {
  const { result, attempts, now } = attempt;
  if (result.deadSubscriptionIds?.length) {
    await db.prisma.pushSubscription.deleteMany({ where: { id: { in: result.deadSubscriptionIds } } });
  }
  if (result.ok) {
    await update({ status: "sent", sentAt: now, lastError: null, nextAttemptAt: null });
    return "sent";
  }
  const retry = !result.permanent && attempts < MAX_ATTEMPTS;
  warn(result.error, retry);
  const status = retry ? "retrying" : "failed";
  await update({ status, lastError: result.error, nextAttemptAt: retry ? new Date(now.getTime() + retryDelayMs(attempts)) : null });
  return status;
}

export function createReminderScheduler({ db, config, logger }: Pick<AppDeps, "db" | "config" | "logger">): ReminderScheduler {
  const { overdueAfterMinutes, intervalSeconds } = config.reminders;

  /** New reminders for chores that are due now, for members with a channel on and outside quiet hours. */
  async function claimNew(tx: Tx, now: Date): Promise<Claim[]> {
    const settings = await tx.reminderSettings.findMany({
      where: {
        OR: [
          { pushEnabled: true },
          { webhookUrl: { not: null } },
          { ntfyTopic: { not: null } },
          { emailEnabled: true },
          { gotifyToken: { not: null } },
          { discordWebhookUrl: { not: null } },
          { slackWebhookUrl: { not: null } },
          { telegramBotToken: { not: null } },
        ],
        AND: [{ OR: [{ notifyDue: true }, { notifyOverdue: true }] }],
      },
      include: {
        user: {
          select: {
            timezone: true,
            email: true,
            memberships: { where: { status: "active" }, select: { circleId: true } },
            pushSubscriptions: { select: { id: true } },
          },
        },
      },
    });
    const members = new Map<number, { circleId: number; settings: (typeof settings)[number]; channels: ReminderChannel[] }>();
    for (const row of settings) {
      const circleId = row.user.memberships[0]?.circleId;
      if (circleId === undefined || inQuietHours(now, row.user.timezone, row.quietStart, row.quietEnd)) continue;
      const channels = reachableChannels(row, row.user.pushSubscriptions.length, row.user.email);
      if (channels.length > 0) members.set(row.userId, { circleId, settings: row, channels });
    }
    if (members.size === 0) return [];

    // Only whose turn it is is reminded — the current assignee, or a shared chore's pool or those
    // whose part is left (decision 0035): private chores reach no one who cannot see them.
    const memberIds = [...members.keys()];
    const chores = await tx.chore.findMany({
      // A chore waiting for approval was done as far as the member can (decision 0027).
      where: {
        OR: [
          { assignedToId: { in: memberIds } },
          { assignmentMode: { not: "rotation" }, assignedToId: null, assignees: { some: { userId: { in: memberIds } } } },
        ],
        archived: false,
        finishedAt: null,
        pendingApprovalId: null,
        nextDueDate: { lte: now },
      },
      select: {
        id: true,
        circleId: true,
        assignedToId: true,
        nextDueDate: true,
        assignmentMode: true,
        assignees: { select: { userId: true } },
      },
    });
    const parts = await loadResolvedParts(tx, everyoneChoreIds(chores));
    // Reminders pause while a member is away or the circle paused, and skip what fell due then (decision 0034).
    const earliestDue = new Date(Math.min(now.getTime(), ...chores.map((chore) => chore.nextDueDate!.getTime())));
    const away = await tx.awayPeriod.findMany({
      where: { circleId: { in: [...new Set(chores.map((chore) => chore.circleId))] }, endsAt: { gt: earliestDue } },
      select: { circleId: true, userId: true, startsAt: true, endsAt: true },
    });
    const rows: Prisma.ReminderDeliveryCreateManyInput[] = [];
    for (const chore of chores) {
      for (const userId of whoseTurn(chore, parts.get(chore.id) ?? [])) {
        const member = members.get(userId);
        if (!member || member.circleId !== chore.circleId) continue;
        const periods = away.filter((period) => period.circleId === chore.circleId);
        if (awayAt(periods, userId, now) || awayAt(periods, userId, chore.nextDueDate!)) continue;
        const overdue = now.getTime() >= chore.nextDueDate!.getTime() + overdueAfterMinutes * 60_000;
        if (overdue ? !member.settings.notifyOverdue : !member.settings.notifyDue) continue;
        for (const channel of member.channels) {
          rows.push({
            circleId: chore.circleId,
            choreId: chore.id,
            userId,
            dueDate: chore.nextDueDate!,
            kind: overdue ? "overdue" : "due",
            channel,
          });
        }
      }
    }
    if (rows.length === 0) return [];
    return tx.reminderDelivery.createManyAndReturn({ data: rows, skipDuplicates: true });
  }

  /** Reminders whose retry time has come, unless their member is in quiet hours. */
  async function claimRetries(tx: Tx, now: Date): Promise<Claim[]> {
    const waiting = await tx.reminderDelivery.findMany({
      where: { status: "retrying", nextAttemptAt: { lte: now } },
      select: { id: true, userId: true },
    });
    const ids = await withoutQuietHours(tx, waiting, now);
    if (ids.length === 0) return [];
    return tx.reminderDelivery.updateManyAndReturn({
      where: { id: { in: ids }, status: "retrying" },
      data: { status: "sending", attempts: { increment: 1 } },
    });
  }

  /**
   * Deletes old delivery rows of occurrences that are over (the chore moved on or is
   * finished); a current occurrence's rows stay however old: they keep its reminder from
   * going out again. Sent or failed notices go after the same time: their subject (an
   * approval, a reward request, an impersonation session) never asks for them again.
   */
  async function pruneDeliveries(tx: Tx, now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - DELIVERY_RETENTION_DAYS * 86_400_000);
    await tx.$executeRaw`
      DELETE FROM "ReminderDelivery" AS d USING "Chore" AS c
      WHERE d."choreId" = c."id" AND d."updatedAt" < ${cutoff} AND d."status" <> 'retrying'
        AND (c."nextDueDate" IS DISTINCT FROM d."dueDate" OR c."finishedAt" IS NOT NULL)`;
    await tx.eventNotice.deleteMany({ where: { status: { in: ["sent", "failed"] }, updatedAt: { lt: cutoff } } });
    await tx.impersonationNotice.deleteMany({ where: { status: { in: ["sent", "failed"] }, updatedAt: { lt: cutoff } } });
  }

  let prunedAt: number | null = null;

  async function claim(now: Date): Promise<Claim[] | null> {
    return db.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK_KEY}::bigint) AS "locked"`;
      if (!lock?.locked) return null;
      if (prunedAt === null || Math.abs(now.getTime() - prunedAt) >= PRUNE_EVERY_MS) {
        await pruneDeliveries(tx, now);
        prunedAt = now.getTime();
      }
      await expirePhotos(tx, now, config.photos.retentionDays);
      return [...(await claimNew(tx, now)), ...(await claimRetries(tx, now))];
    });
  }

  async function deliver(claims: Claim[], now: Date): Promise<Omit<TickResult, "ran">> {
    const userIds = [...new Set(claims.map(({ userId }) => userId))];
    const [chores, users, subscriptions] = await Promise.all([
      db.prisma.chore.findMany({
        where: { id: { in: [...new Set(claims.map(({ choreId }) => choreId))] } },
        include: { assignees: { select: { userId: true } } },
      }),
      db.prisma.user.findMany({
        where: { id: { in: userIds } },
        include: { reminderSettings: true, memberships: { where: { status: "active" }, select: { circleId: true } } },
      }),
      db.prisma.pushSubscription.findMany({ where: { userId: { in: userIds } }, orderBy: { id: "asc" } }),
    ]);
    const choreById = new Map(chores.map((chore) => [chore.id, chore]));
    const parts = await loadResolvedParts(db.prisma, everyoneChoreIds(chores));
    const userById = new Map(users.map((user) => [user.id, user]));
    const totals = { sent: 0, retrying: 0, failed: 0 };

    const deliverOne = async (claim: Claim) => {
      const chore = choreById.get(claim.choreId);
      const user = userById.get(claim.userId);
      // Checked again at send time: a retry may come after the chore was done, reassigned or the member left.
      const stillDue =
        chore &&
        !chore.archived &&
        !chore.finishedAt &&
        chore.pendingApprovalId === null &&
        whoseTurn(chore, parts.get(chore.id) ?? []).includes(claim.userId) &&
        chore.nextDueDate?.getTime() === claim.dueDate.getTime() &&
        user?.memberships.some(({ circleId }) => circleId === chore.circleId);
      let result: ChannelResult;
      if (!stillDue || !user?.reminderSettings) {
        result = { ok: false, status: null, error: "the chore is no longer due for this member", permanent: true };
      } else {
        const targets = reminderTargets(
          user.reminderSettings,
          subscriptions.filter(({ userId }) => userId === user.id),
          user.email,
        );
        const reminder: Reminder = {
          kind: claim.kind,
          chore: { id: chore.id, name: chore.name, dueDate: claim.dueDate },
          user: { id: user.id, username: user.username, timezone: user.timezone },
          sentAt: now,
        };
        result = await sendOnChannel(claim.channel, targets, reminder, config.reminders);
      }
      const outcome = await record(claim, result, now);
      totals[outcome] += 1;
    };

    for (let start = 0; start < claims.length; start += SEND_CONCURRENCY) {
      await Promise.all(claims.slice(start, start + SEND_CONCURRENCY).map(deliverOne));
    }
    return totals;
  }

  function record(claim: Claim, result: ChannelResult, now: Date): Promise<DeliveryStatus> {
    return recordAttempt(
      db,
      { result, attempts: claim.attempts, now },
      (data) => db.prisma.reminderDelivery.update({ where: { id: claim.id }, data }),
      (error, retry) =>
        logger.warn(
          { reminderDeliveryId: claim.id, channel: claim.channel, attempts: claim.attempts, error, retry },
          "reminder not delivered",
        ),
    );
  }

  async function runOnce(now = new Date()): Promise<TickResult> {
    // Penalties need no tick lock: their unique key makes each one once (decision 0028).
    await applyDuePenalties(db, logger, now);
    // Missed occurrences likewise (decision 0031).
    await recordMissedOccurrences(db, logger, now);
    const claims = await claim(now);
    if (claims === null) return { ran: false, sent: 0, retrying: 0, failed: 0 };
    return { ran: true, ...(await deliver(claims, now)) };
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const tick = () => {
    timer = null;
    running = runOnce()
      .then(() => undefined)
      .catch((error: unknown) => {
        // An outage already has its one log line (db/availability.ts); the next tick retries.
        if (isDatabaseUnavailable(error)) logger.debug(`reminder tick skipped: ${describeFailure(error)}`);
        else logger.error({ err: error }, "reminder tick failed");
      })
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, intervalSeconds * 1000);
      });
  };

  return {
    runOnce,
    start() {
      if (intervalSeconds === 0 || stopped || timer || running) return;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
