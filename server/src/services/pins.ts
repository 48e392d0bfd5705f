/**
 * PINs are 4-8 digits: easy to guess, so every account's PIN locks after a few wrong
 * tries in a row, whether they come from the PIN sign-in or a shared tablet. Each attempt
 * is counted in one atomic statement *before* its PIN is checked, and only an attempt that
 * got a slot is checked: however many guesses arrive at once, on however many server
 * processes, at most PIN_MAX_FAILURES are ever verified per lock period. The lock is
 * audited. A username without a PIN account locks the same way (its own table), so a
 * lock does not tell whether the username exists.
 */
import { ApiError } from "../errors";
import type { AppConfig } from "../config";
import type { RequestMeta } from "../context";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recordRawAudit } from "./audit";
import { verifyPassword } from "./credentials";

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MINUTES = 15;
/** A username's unfinished run of wrong PINs (no lock reached) is forgotten after a day without tries. */
export const PIN_NAME_LOCK_RETENTION_MS = 24 * 3600_000;

export interface PinAccount {
  id: number;
  pinHash: string;
}

/** An account with a PIN, or the (lower-cased) username of one that has none or does not exist. */
export type PinTarget = { account: PinAccount } | { username: string };

export type PinOutcome = { result: "ok" } | { result: "wrong" } | { result: "locked"; lockedUntil: Date };

interface PinCheckRecord {
  request: RequestMeta;
  circleId: number | null;
  viaDeviceId?: number | null;
}

interface Reservation {
  failures: number;
  lockedUntil: Date | null;
}

/** The row's counter after this attempt: a lock that has run out starts a new run of tries. */
const nextFailures = (failures: Prisma.Sql, lockedUntil: Prisma.Sql) =>
  Prisma.sql`CASE WHEN ${lockedUntil} IS NOT NULL THEN 1 ELSE ${failures} + 1 END`;

/**
 * Takes one attempt's slot: counts it, and locks at the PIN_MAX_FAILURES-th (a right PIN
 * lifts that again). Null when the target is locked. The row lock the statement takes
 * orders concurrent attempts, and each sees the count the one before left.
 */
async function reserveAttempt(prisma: PrismaClient, target: PinTarget, now: Date): Promise<Reservation | null> {
  const lockUntil = new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000);
  if ("account" in target) {
    const failures = nextFailures(Prisma.sql`"pinFailures"`, Prisma.sql`"pinLockedUntil"`);
    const [row] = await prisma.$queryRaw<{ failures: number; lockedUntil: Date | string | null }[]>`
      UPDATE "User" SET
        "pinFailures" = ${failures},
        "pinLockedUntil" = CASE WHEN ${failures} >= ${PIN_MAX_FAILURES} THEN ${lockUntil}::timestamp(3) ELSE NULL END
      WHERE "id" = ${target.account.id} AND ("pinLockedUntil" IS NULL OR "pinLockedUntil" <= ${now})
      RETURNING "pinFailures" AS "failures", "pinLockedUntil" AS "lockedUntil"`;
    return toReservation(row);
  }
  const failures = nextFailures(Prisma.sql`"PinNameLock"."failures"`, Prisma.sql`"PinNameLock"."lockedUntil"`);
  const [row] = await prisma.$queryRaw<{ failures: number; lockedUntil: Date | string | null }[]>`
    INSERT INTO "PinNameLock" ("username", "failures", "lockedUntil", "updatedAt")
    VALUES (${target.username}, 1, NULL, ${now})
    ON CONFLICT ("username") DO UPDATE SET
      "failures" = ${failures},
      "lockedUntil" = CASE WHEN ${failures} >= ${PIN_MAX_FAILURES} THEN ${lockUntil}::timestamp(3) ELSE NULL END,
      "updatedAt" = ${now}
    WHERE "PinNameLock"."lockedUntil" IS NULL OR "PinNameLock"."lockedUntil" <= ${now}
    RETURNING "failures", "lockedUntil"`;
  return toReservation(row);
}

function toReservation(row: { failures: number; lockedUntil: Date | string | null } | undefined): Reservation | null {
  return row ? { failures: row.failures, lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil) } : null;
}

async function currentLock(prisma: PrismaClient, target: PinTarget, now: Date): Promise<Date> {
  const lockedUntil =
    "account" in target
      ? (await prisma.user.findUnique({ where: { id: target.account.id }, select: { pinLockedUntil: true } }))?.pinLockedUntil
      : (await prisma.pinNameLock.findUnique({ where: { username: target.username }, select: { lockedUntil: true } }))?.lockedUntil;
  // Lifted in the meantime (a right PIN, an admin): the caller may simply try again.
  return lockedUntil && lockedUntil > now ? lockedUntil : now;
}

/**
 * Checks `pin` for the target, counting the attempt first; an account is locked after
 * PIN_MAX_FAILURES attempts in a row without a right PIN. A username without a PIN
 * account costs the same argon2 verification and locks alike, so neither the answer nor
 * its timing tells which it was.
 */
export async function checkPin(
  prisma: PrismaClient,
  config: Pick<AppConfig, "passwordHashMemoryKib">,
  target: PinTarget,
  pin: string,
  record: PinCheckRecord,
  now = new Date(),
): Promise<PinOutcome> {
  if (!("account" in target)) await pruneNameLocks(prisma, now);
  const reserved = await reserveAttempt(prisma, target, now);
  if (!reserved) return { result: "locked", lockedUntil: await currentLock(prisma, target, now) };
  if (!("account" in target)) {
    await verifyPassword(null, pin, config);
    return { result: "wrong" };
  }
  const { account } = target;
  if (await verifyPassword(account.pinHash, pin, config)) {
    await prisma.user.update({ where: { id: account.id }, data: { pinFailures: 0, pinLockedUntil: null } });
    return { result: "ok" };
  }
  if (reserved.failures >= PIN_MAX_FAILURES && reserved.lockedUntil) {
    // Audit the lock unless a right PIN checked meanwhile has lifted it again.
    const stillLocked = await prisma.user.count({ where: { id: account.id, pinLockedUntil: reserved.lockedUntil } });
    if (stillLocked) {
      await recordRawAudit(prisma, record.request, {
        circleId: record.circleId,
        actorUserId: null,
        subjectUserId: null,
        viaDeviceId: record.viaDeviceId ?? null,
        action: "auth.pin_locked",
        entityType: "user",
        entityId: account.id,
        outcome: "denied",
        payload: { failures: reserved.failures, lockedUntil: reserved.lockedUntil.toISOString() },
      });
    }
  }
  return { result: "wrong" };
}

/** The `423 pin_locked` answer: when the lock ends, in the body and in Retry-After. */
export function pinLocked(lockedUntil: Date, now = new Date()): ApiError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new ApiError("pin_locked", `Too many wrong PINs: PIN use is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}`, {
    lockedUntil: lockedUntil.toISOString(),
    retryAfterSeconds,
  });
}

let namesPrunedAt = 0;

/**
 * Forgets name locks that have run out (the same as no row) and unfinished runs a day old,
 * at most once a lock period per process, so guessed names cannot fill the table.
 */
async function pruneNameLocks(prisma: PrismaClient, now: Date): Promise<void> {
  if (now.getTime() - namesPrunedAt < PIN_LOCK_MINUTES * 60_000) return;
  namesPrunedAt = now.getTime();
  await prisma.pinNameLock.deleteMany({
    where: {
      OR: [{ lockedUntil: { lte: now } }, { lockedUntil: null, updatedAt: { lt: new Date(now.getTime() - PIN_NAME_LOCK_RETENTION_MS) } }],
    },
  });
}
