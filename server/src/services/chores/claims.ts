/**
 * Claiming and releasing an *anyone* chore (decision 0035): `assignedToId` is the claimer, null
 * while the occurrence is open to every assignee. Each runs after the chore's row lock, so of
 * parallel claims the first writes and the others find it claimed (409 already_claimed).
 */
import type { CircleContext } from "../../context";
import type { Database } from "../../db/database";
import type { ChoreWithAssignees } from "../../domain";
import { ApiError } from "../../errors";
import { chorePolicy } from "../../policies/chores";
import { publishChange } from "../../realtime/changes";
import { recordAudit } from "../audit";
import { lockActionable } from "./actions";
import { attribution, choreInclude, type Tx } from "./records";

export function claimChore(db: Database, ctx: CircleContext, id: number): Promise<ChoreWithAssignees> {
  return db.prisma.$transaction(async (tx) => {
    const { chore } = await lockActionable(tx, ctx, id);
    chorePolicy.claim(ctx, chore);
    // Claiming again what one holds changes nothing (a retried request).
    if (chore.assignedToId === ctx.subject.id) return chore;
    if (chore.assignedToId !== null) {
      throw new ApiError("already_claimed", "Someone else claimed this chore first", { claimedBy: chore.assignedToId });
    }
    return setClaim(tx, ctx, chore, ctx.subject.id, "chore.claimed");
  });
}

export function releaseChore(db: Database, ctx: CircleContext, id: number): Promise<ChoreWithAssignees> {
  return db.prisma.$transaction(async (tx) => {
    const { chore } = await lockActionable(tx, ctx, id);
    chorePolicy.release(ctx, chore);
    return setClaim(tx, ctx, chore, null, "chore.released");
  });
}

async function setClaim(tx: Tx, ctx: CircleContext, chore: ChoreWithAssignees, claimer: number | null, action: string) {
  const updated = await tx.chore.update({
    where: { id: chore.id },
    data: { assignedToId: claimer, version: { increment: 1 }, ...attribution(ctx) },
    include: choreInclude,
  });
  await recordAudit(tx, ctx, {
    action,
    entityType: "chore",
    entityId: chore.id,
    payload: { claimedBy: claimer ?? chore.assignedToId, dueDate: chore.nextDueDate?.toISOString() ?? null },
  });
  await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
  return updated;
}
