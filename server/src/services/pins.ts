/**
 * PINs are 4-8 digits: easy to guess, so every account's PIN locks after a few wrong
 * tries in a row, whether they come from the PIN sign-in or a shared tablet. The lock is
 * audited. Callers never tell an unknown account from a wrong or locked PIN.
 */
import type { AppConfig } from "../config";
import type { RequestMeta } from "../context";
import type { PrismaClient } from "../generated/prisma/client";
import { recordRawAudit } from "./audit";
import { verifyPassword } from "./credentials";

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MINUTES = 15;

export interface PinAccount {
  id: number;
  pinHash: string | null;
  pinFailures: number;
  pinLockedUntil: Date | null;
}

export type PinOutcome = "ok" | "wrong" | "locked";

interface PinCheckRecord {
  request: RequestMeta;
  circleId: number | null;
  viaDeviceId?: number | null;
}

/**
 * Checks `pin` against the account's PIN, counting a wrong one and locking the account
 * after PIN_MAX_FAILURES in a row. An unknown account or one without a PIN still costs an
 * argon2 verification, so timing does not tell which it was.
 */
export async function checkPin(
  prisma: PrismaClient,
  config: Pick<AppConfig, "passwordHashMemoryKib">,
  account: PinAccount | null,
  pin: string,
  record: PinCheckRecord,
  now = new Date(),
): Promise<PinOutcome> {
  if (!account?.pinHash) {
    await verifyPassword(null, pin, config);
    return "wrong";
  }
  if (account.pinLockedUntil && account.pinLockedUntil > now) {
    await verifyPassword(null, pin, config);
    return "locked";
  }
  if (await verifyPassword(account.pinHash, pin, config)) {
    if (account.pinFailures > 0) await prisma.user.update({ where: { id: account.id }, data: { pinFailures: 0 } });
    return "ok";
  }
  return prisma.$transaction(async (tx) => {
    // The increment locks the row, so concurrent wrong PINs are counted one after the other.
    const { pinFailures } = await tx.user.update({ where: { id: account.id }, data: { pinFailures: { increment: 1 } } });
    if (pinFailures < PIN_MAX_FAILURES) return "wrong" as const;
    const lockedUntil = new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000);
    await tx.user.update({ where: { id: account.id }, data: { pinFailures: 0, pinLockedUntil: lockedUntil } });
    await recordRawAudit(tx, record.request, {
      circleId: record.circleId,
      actorUserId: null,
      subjectUserId: null,
      viaDeviceId: record.viaDeviceId ?? null,
      action: "auth.pin_locked",
      entityType: "user",
      entityId: account.id,
      outcome: "denied",
      payload: { failures: pinFailures, lockedUntil: lockedUntil.toISOString() },
    });
    return "locked" as const;
  });
}
