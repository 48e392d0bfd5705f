import { z } from "zod";

/**
 * What `GET /events` streams: hints that something in the caller's circle changed, never
 * the data itself, so a hint cannot show anyone more than their next request would.
 * `chores`: chores, their history or points; `members`: memberships, roles, join
 * requests; `circle`: the circle's settings, or the caller's own membership (accepted
 * elsewhere, removed) — reload everything.
 */
export const liveEventTypeSchema = z.enum(["chores", "members", "circle"]);
export type LiveEventType = z.infer<typeof liveEventTypeSchema>;

export const liveEventSchema = z.object({ type: liveEventTypeSchema });
export type LiveEvent = z.infer<typeof liveEventSchema>;
