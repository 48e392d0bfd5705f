import type { PointsEntry } from "@chorus/shared";
import type { PointsEntryRow } from "../domain";

/** One ledger row; `choreNames` holds the chores the reader may see by name. */
export function presentPointsEntry(row: PointsEntryRow, choreNames: ReadonlyMap<number, string>): PointsEntry {
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    balance: row.balance,
    actor: row.actorUserId === null ? null : { id: row.actorUserId, displayName: row.actorName ?? `User #${row.actorUserId}` },
    viaDevice: row.viaDeviceId === null || row.deviceName === null ? null : { id: row.viaDeviceId, name: row.deviceName },
    chore: row.choreId === null ? null : { id: row.choreId, name: choreNames.get(row.choreId) ?? null },
    reward: row.rewardRequestId === null || row.rewardName === null ? null : { requestId: row.rewardRequestId, name: row.rewardName },
    penalty:
      row.penaltyId === null || row.penaltyDueDate === null || row.penaltyPoints === null
        ? null
        : { id: row.penaltyId, dueDate: row.penaltyDueDate.toISOString(), points: row.penaltyPoints, waived: row.penaltyWaived },
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}
