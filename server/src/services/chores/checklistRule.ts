/** The "all ticked before Done" rule of checklists (decision 0032), apart so the actions need not import the tick service. */
import type { ChoreWithAssignees } from "../../domain";
import { ApiError } from "../../errors";
import type { Tx } from "./records";

/** The items of the chore's occurrence at `dueDate` that are not ticked yet. */
async function untickedCount(tx: Tx, choreId: number, dueDate: Date | null): Promise<number> {
  const [row] = await tx.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM "ChoreChecklistItem" i
    WHERE i."choreId" = ${choreId} AND NOT EXISTS (
      SELECT 1 FROM "ChoreChecklistTick" t WHERE t."itemId" = i."id" AND t."dueDate" IS NOT DISTINCT FROM ${dueDate}::timestamp(3))`;
  return row!.count;
}

/** With `checklistRequired`, a do of the occurrence at `nextDueDate` waits for every item to be ticked. */
export async function requireChecklistDone(tx: Tx, chore: ChoreWithAssignees): Promise<void> {
  if (!chore.checklistRequired) return;
  const remaining = await untickedCount(tx, chore.id, chore.nextDueDate);
  if (remaining > 0) {
    throw new ApiError("checklist_incomplete", `Tick every checklist item first: ${remaining} not ticked yet`, { remaining });
  }
}
