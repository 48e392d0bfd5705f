/**
 * An impersonation session can be extended only in its last this many minutes (decision 0024):
 * extending is a deliberate act near the end, not a habit. The server checks it; the web
 * banner offers Extend from then on. Kept free of zod, for the web app's first download.
 */
export const IMPERSONATION_EXTEND_WINDOW_MINUTES = 5;
