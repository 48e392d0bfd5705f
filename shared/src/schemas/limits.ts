/**
 * Bounds that field messages name (`formMessages`), kept apart so the message table and the
 * schemas both read them without importing each other. Each schema file re-exports its own.
 */

/** The longest one away period may last, in days. */
export const AWAY_MAX_DAYS = 366;
/** A month view shows up to six weeks; a few days more let a client pad its edges. */
export const MAX_CALENDAR_DAYS = 45;
/** The largest penalty a mandatory chore may have (decision 0028). */
export const MAX_PENALTY_POINTS = 1000;
/** A checklist's bounds (decision 0032): a short list of short steps, not a document. */
export const MAX_CHECKLIST_ITEMS = 30;
export const MAX_CHECKLIST_ITEM_LENGTH = 200;
export const CIRCLE_EXPORT_VERSION = 1;
/** The longest range one impersonation-session export covers. */
export const SESSION_EXPORT_MAX_DAYS = 366;
/** The largest single adjustment, either way: a household's correction, not a way to overflow a balance. */
export const MAX_POINTS_ADJUSTMENT = 10_000;
/** About a year: enough for a household's trends, and a bounded scan of its history. */
export const MAX_STATISTICS_WEEKS = 52;
