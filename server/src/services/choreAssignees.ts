/**
 * Keeps chores consistent when someone leaves a circle: they stop being an assignee, and
 * chores currently assigned to them pass to the next assignee in rotation order (or to
 * nobody).
 */
import type { Prisma } from "../generated/prisma/client";

export async function detachMemberFromChores(tx: Prisma.TransactionClient, circleId: number, userId: number) {
  await tx.choreAssignee.deleteMany({ where: { userId, chore: { circleId } } });
  const orphaned = await tx.chore.findMany({
    where: { circleId, assignedToId: userId },
    select: { id: true, assignees: { orderBy: { position: "asc" }, take: 1, select: { userId: true } } },
  });
  for (const chore of orphaned) {
    await tx.chore.update({
      where: { id: chore.id },
      data: { assignedToId: chore.assignees[0]?.userId ?? null, version: { increment: 1 } },
    });
  }
}
