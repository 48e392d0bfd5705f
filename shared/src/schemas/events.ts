import { z } from "zod";

/**
 * What `GET /events` streams: hints that something in the caller's circle changed, never
 * the data itself, so a hint cannot show anyone more than their next request would.
 * `chores`: chores, their history or points; `members`: memberships, roles, join
 * requests; `circle`: the circle's settings, or the caller's own membership (accepted
 * elsewhere, removed) — reload everything; `impersonation`: someone started or ended acting
 * as a member of the circle (the "Done for you" feed and the audit log).
 */
export const liveEventTypeSchema = z.enum(["chores", "members", "circle", "impersonation"]);
export type LiveEventType = z.infer<typeof liveEventTypeSchema>;

/** A hint that something changed: reload what it names. */
export const changeHintSchema = z.object({ type: liveEventTypeSchema });
export type ChangeHint = z.infer<typeof changeHintSchema>;

/**
 * The last event of a stream the server closed for a reason the client should act on:
 * `too_many_streams` — the same sign-in or person opened more streams than allowed and
 * this was the oldest. Reconnecting at once would only close another one: wait.
 */
export const streamClosedSchema = z.object({ type: z.literal("closed"), reason: z.enum(["too_many_streams"]) });
export type StreamClosed = z.infer<typeof streamClosedSchema>;

export const liveEventSchema = z.union([changeHintSchema, streamClosedSchema]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
