import { z } from "zod";

/**
 * What `GET /events` streams: hints that something in the caller's circle changed, never
 * the data itself, so a hint cannot show anyone more than their next request would.
 * `chores`: chores, their history or points; `members`: memberships, roles, join
 * requests; `circle`: the circle's settings, or the caller's own membership (accepted
 * elsewhere, removed) — reload everything; `impersonation`: only to streams viewing as a
 * member, whose impersonation session was extended or switched elsewhere (another tab) —
 * reload who you act as (decision 0024); `impersonation_sessions`: someone started or ended
 * acting as a member of the circle — the "Done for you" feed and the audit log (decision 0022).
 */
export const liveEventTypeSchema = z.enum(["chores", "members", "circle", "impersonation", "impersonation_sessions"]);
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

/**
 * Why an impersonation session ended: `request` — DELETE /impersonation (Exit) in some tab or
 * on another device; `replaced` — the same sign-in started acting as another member;
 * `signed_out` — the sign-in ended; `expired` — its time ran out.
 */
export const impersonationEndReasonSchema = z.enum(["request", "replaced", "signed_out", "expired", "consent_changed"]);
export type ImpersonationEndReason = z.infer<typeof impersonationEndReasonSchema>;

/**
 * The last event of a stream viewing as member `userId` whose impersonation session ended
 * (decision 0024): the tab stops sending the selector header at once, rather than at its
 * next request's 403 — or, after an explicit end, rather than silently starting a new session.
 */
export const impersonationEndedSchema = z.object({
  type: z.literal("impersonation_ended"),
  userId: z.number(),
  reason: impersonationEndReasonSchema,
});
export type ImpersonationEnded = z.infer<typeof impersonationEndedSchema>;

export const liveEventSchema = z.union([changeHintSchema, streamClosedSchema, impersonationEndedSchema]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
