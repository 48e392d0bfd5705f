import type { Chore } from "@chorus/shared";

/**
 * Doing or skipping the chore now would be early: its current occurrence is already done
 * and the server (which says from when the next one is current) wants the next one named.
 * A chore due today or overdue is never early.
 */
export const isEarly = (chore: Chore, now: Date) => chore.currentFrom !== null && Date.parse(chore.currentFrom) > now.getTime();
