import type { ActAsRequest, ImpersonationSession, ActedForMeItem, ActedForMePage } from "@chorus/shared";
import type { ActAsRequestRow, ActedForMeRow, ImpersonationSessionRow } from "../domain";

export function presentImpersonationSession(session: ImpersonationSessionRow): ImpersonationSession {
  return {
    userId: session.targetUserId,
    reason: session.reason,
    mode: session.mode,
    startedAt: session.startedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (at: Date | null) => (at === null ? null : new Date(at).toISOString());

export function presentActAsRequest(row: ActAsRequestRow): ActAsRequest {
  return {
    id: row.id,
    actor: { userId: row.actorUserId, displayName: row.actorName },
    target: { userId: row.targetUserId, displayName: row.targetName },
    reason: row.reason,
    mode: row.mode,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    respondedAt: isoOrNull(row.respondedAt),
    grantedUntil: isoOrNull(row.grantedUntil),
  };
}

function presentActedForMeItem(row: ActedForMeRow): ActedForMeItem {
  const common = { at: iso(row.atMs), actor: { userId: row.actorUserId, displayName: row.actorName } };
  if (row.kind === "impersonation_session") {
    return {
      kind: "impersonation_session",
      id: `impersonation-${row.id}`,
      ...common,
      reason: row.reason,
      expiresAt: iso(row.expiresAtMs!),
      endedAt: row.endedAtMs === null ? null : iso(row.endedAtMs),
    };
  }
  return {
    kind: "chore_action",
    id: `history-${row.id}`,
    ...common,
    action: row.action!,
    choreId: row.choreId!,
    choreName: row.choreName!,
    note: row.note,
    points: row.points!,
  };
}

export function presentActedForMe(page: { rows: ActedForMeRow[]; nextCursor: string | null; unreadCount: number }): ActedForMePage {
  return { items: page.rows.map(presentActedForMeItem), nextCursor: page.nextCursor, unreadCount: page.unreadCount };
}
