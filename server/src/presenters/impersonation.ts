import type { ImpersonationSession, ActedForMeItem, ActedForMePage } from "@chorus/shared";
import type { ActedForMeRow, ImpersonationSessionRow } from "../domain";

/** `maxExtensions`: the server's IMPERSONATION_MAX_EXTENSIONS (decision 0024). */
export function presentImpersonationSession(session: ImpersonationSessionRow, maxExtensions: number): ImpersonationSession {
  return {
    userId: session.targetUserId,
    reason: session.reason,
    mode: session.mode,
    startedAt: session.startedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    extensionsLeft: extensionsLeft(session, maxExtensions),
  };
}

export const extensionsLeft = (session: { extensionCount: number }, maxExtensions: number) =>
  Math.max(0, maxExtensions - session.extensionCount);

const iso = (ms: number) => new Date(ms).toISOString();

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
