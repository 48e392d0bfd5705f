import type { Chore } from "@chorus/shared";

/** Not due yet: the server takes a do or skip as an early completion (at most one occurrence ahead). */
export const isNotDueYet = (chore: Chore, now: Date) => chore.nextDueDate !== null && Date.parse(chore.nextDueDate) > now.getTime();
