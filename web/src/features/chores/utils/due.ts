import type { Chore } from "@chorus/shared";

/**
 * Doing or skipping the chore now would be early: its current occurrence is already done
 * and the server (which says from when the next one is current) wants the next one named.
 * A chore due today or overdue is never early.
 */
export const isEarly = (chore: Chore, now: Date) => chore.currentFrom !== null && Date.parse(chore.currentFrom) > now.getTime();

/**
 * The chore is already one occurrence ahead: the server refuses another until `earlyFrom`,
 * so there is nothing to ask — only to say from when it can be done.
 */
export const doneAheadUntil = (chore: Chore, now: Date): string | null =>
  isEarly(chore, now) && chore.earlyFrom !== null && Date.parse(chore.earlyFrom) > now.getTime() ? chore.earlyFrom : null;
