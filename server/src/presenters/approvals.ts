import type { Approval } from "@chorus/shared";
import type { ApprovalRow } from "../domain";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** One queue item (decision 0027); what a queue shows of a completion is added here. */
export function presentApproval(row: ApprovalRow): Approval {
  return {
    id: row.id,
    chore: { id: row.chore.id, name: row.chore.name, points: row.chore.points },
    userId: row.userId,
    actorUserId: row.actorUserId,
    viaDeviceId: row.viaDeviceId,
    dueDate: iso(row.dueDate),
    note: row.note,
    completedAt: row.completedAt.toISOString(),
    status: row.status,
    decidedBy: row.decidedById,
    decidedAt: iso(row.decidedAt),
    decisionNote: row.decisionNote,
    createdAt: row.createdAt.toISOString(),
    // The queue is for admins and managers, who may see every completion's photo.
    photo: row.photo && {
      id: row.photo.id,
      url: row.photo.expiredAt ? null : `/photos/${row.photo.id}`,
      expiredAt: iso(row.photo.expiredAt),
    },
  };
}
