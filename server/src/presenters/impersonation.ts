import type { ActAsRequest, ImpersonationSession, ActedForMeItem, ActedForMePage, ImpersonationSessionReview } from "@chorus/shared";
import type { ActAsRequestRow, ActedForMeRow, ImpersonationSessionReviewRow, ImpersonationSessionRow } from "../domain";

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
      mode: row.mode!,
      expiresAt: iso(row.expiresAtMs!),
      endedAt: row.endedAtMs === null ? null : iso(row.endedAtMs),
      actionCount: row.actionCount!,
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

export function presentSessionReview(row: ImpersonationSessionReviewRow): ImpersonationSessionReview {
  return {
    id: row.id,
    actor: { userId: row.actorUserId, displayName: row.actorName },
    target: { userId: row.targetUserId, displayName: row.targetName },
    mode: row.mode,
    reason: row.reason,
    startedAt: iso(row.startedAtMs),
    expiresAt: iso(row.expiresAtMs),
    endedAt: row.endedAtMs === null ? null : iso(row.endedAtMs),
    actionCount: row.actionCount,
    refusalCount: row.refusalCount,
  };
}

const CSV_COLUMNS = [
  "session",
  "started_at",
  "ended_at",
  "expires_at",
  "actor_id",
  "actor",
  "member_id",
  "member",
  "mode",
  "reason",
  "actions",
  "refusals",
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * A cell a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage
 * return that hides one) gets a leading apostrophe first, so a reason or name typed by a
 * member is shown, never run (OWASP "CSV injection").
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The export: a header row, then one row per session, CRLF line ends, with a BOM so spreadsheets read it as UTF-8. */
export function presentSessionsCsv(rows: readonly ImpersonationSessionReviewRow[]): string {
  const lines = rows.map((row) => {
    const session = presentSessionReview(row);
    return [
      session.id,
      session.startedAt,
      session.endedAt,
      session.expiresAt,
      session.actor.userId,
      session.actor.displayName,
      session.target.userId,
      session.target.displayName,
      session.mode,
      session.reason,
      session.actionCount,
      session.refusalCount,
    ]
      .map(csvCell)
      .join(",");
  });
  return `\uFEFF${[CSV_COLUMNS.join(","), ...lines].join("\r\n")}\r\n`;
}
