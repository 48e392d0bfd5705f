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
