/**
 * Per-person limits on actions that write a row each time and that a script could repeat
 * without end. Counted in the database (one indexed query over the rows the action
 * writes), so the limit holds however many server processes share it. Concurrent requests
 * may each pass the check before either commits, so a burst can exceed the limit by the
 * number of requests in flight — still bounded.
 */
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { ApiError } from "../errors";
import { DatabaseRateLimitStore } from "../http/rateLimitStore";

const WINDOW_MS = 60_000;
/** Timer starts plus pauses one person may make in any minute, across all chores. */
export const TIMER_ACTIONS_PER_MINUTE = 30;

/** Throws 429 `rate_limited` (with `retryAfterSeconds`) once the actor has used up the minute's timer actions. */
export async function checkTimerRate(db: Database, ctx: ActingContext, now = new Date()): Promise<void> {
  const recent = await db.prisma.choreHistory.findMany({
    where: { updatedById: ctx.actor.id, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) }, action: { in: ["started", "paused"] } },
    orderBy: { createdAt: "desc" },
    take: TIMER_ACTIONS_PER_MINUTE,
    select: { createdAt: true },
  });
  if (recent.length < TIMER_ACTIONS_PER_MINUTE) return;
  // A slot frees up when the oldest of the last allowed actions leaves the window.
  const freesAt = recent[recent.length - 1]!.createdAt.getTime() + WINDOW_MS;
  const retryAfterSeconds = Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
  throw new ApiError(
    "rate_limited",
    `Too many timer starts and pauses (at most ${TIMER_ACTIONS_PER_MINUTE} a minute); try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}

/** Wrong PINs one tablet may send in DEVICE_PIN_WINDOW_MS, across all its members. */
export const DEVICE_PIN_FAILURES_PER_WINDOW = 10;
export const DEVICE_PIN_WINDOW_MS = 15 * 60_000;
const devicePinStores = new WeakMap<Database, DatabaseRateLimitStore>();

/** One counter store per database, so each process prunes expired counters once a window. */
function devicePinStore(db: Database): DatabaseRateLimitStore {
  let store = devicePinStores.get(db);
  if (!store) {
    store = new DatabaseRateLimitStore(db, "tablet-pin:", DEVICE_PIN_WINDOW_MS);
    devicePinStores.set(db, store);
  }
  return store;
}

/**
 * Each member's own lock bounds guesses at one PIN; this bounds a tablet guessing at all
 * its members' PINs. Every PIN attempt is counted before its check and handed back by
 * `refundDevicePinAttempt` when the PIN was right, so only wrong ones use up the allowance.
 */
export async function checkDevicePinRate(db: Database, deviceId: number): Promise<void> {
  const { totalHits, resetTime } = await devicePinStore(db).increment(String(deviceId));
  if (totalHits <= DEVICE_PIN_FAILURES_PER_WINDOW) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
  throw new ApiError("rate_limited", `Too many wrong PINs on this tablet; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
    retryAfterSeconds,
  });
}

export function refundDevicePinAttempt(db: Database, deviceId: number): Promise<void> {
  return devicePinStore(db).decrement(String(deviceId));
}
