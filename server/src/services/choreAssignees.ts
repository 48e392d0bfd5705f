/**
 * Keeps chores consistent when someone leaves a circle: they stop being an assignee, and
 * chores currently assigned to them pass to the next assignee in rotation order (or to
 * nobody when they were the only one).
 */
import type { Prisma } from "../generated/prisma/client";
import { nextAssignee } from "./chores/rotation";

export async function detachMemberFromChores(tx: Prisma.TransactionClient, circleId: number, userId: number) {
  const orphaned = await tx.chore.findMany({
    where: { circleId, assignedToId: userId },
    select: { id: true, assignmentMode: true, assignees: { orderBy: { position: "asc" }, select: { userId: true } } },
  });
  await tx.choreAssignee.deleteMany({ where: { circleId, userId } });
  for (const chore of orphaned) {
    // A claim on an anyone chore is not passed on: the chore is open to the pool again (decision 0035).
    const successor =
      chore.assignmentMode !== "rotation"
        ? userId
        : nextAssignee({
            strategy: "round_robin",
            assignees: chore.assignees.map((assignee) => assignee.userId),
            current: userId,
            completions: new Map(),
            random: Math.random,
          });
    // Only if still theirs: a concurrent action may have passed the chore on meanwhile.
    await tx.chore.updateMany({
      where: { id: chore.id, assignedToId: userId },
      data: { assignedToId: successor === userId ? null : successor, version: { increment: 1 } },
    });
  }
}
