/**
 * Reviewing act-as (decision 0022): a circle's impersonation sessions with how many writes
 * were made in each and how many attempts were refused, a page at a time or as a date range
 * for export. The counts come from the audit log, which names every session's events.
 */
import { DateTime } from "luxon";
import type { CircleContext, CircleRef } from "../context";
import type { Database } from "../db/database";
import type { ImpersonationSessionReviewRow } from "../domain";
import { Prisma } from "../generated/prisma/client";
import { recordAudit } from "./audit";
import { invalidField } from "./chores/records";

const DEFAULT_PAGE = 50;
/** One export's most rows; a household never gets near it, and a bigger answer would be held in memory. */
export const SESSION_EXPORT_MAX_ROWS = 10_000;

const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * Writes allowed in session `s`: its audited events other than the session's own upkeep
 * (started, extended, mode changed). Indexed by `AuditEvent_impersonationSessionId_idx`.
 */
export const sessionActionCount = (s: Prisma.Sql) => Prisma.sql`(
  SELECT count(*)::int FROM "AuditEvent" e
  WHERE e."payload"->>'impersonationSessionId' = ${s}."id"::text AND e."outcome" = 'allowed' AND e."action" NOT LIKE 'impersonation.%')`;

/**
 * Refused attempts for session `s`: denials naming it, and refused impersonation attempts by
 * its actor on its member while it was open (those are decided before a session is known,
 * e.g. a write in a view-only session, so they name the member, not the session). The
 * second kind is coalesced per actor and reason a minute (decision 0006), and counted as recorded.
 */
const sessionRefusalCount = (s: Prisma.Sql) => Prisma.sql`((
  SELECT count(*)::int FROM "AuditEvent" e
  WHERE e."payload"->>'impersonationSessionId' = ${s}."id"::text AND e."outcome" = 'denied' AND e."action" <> 'impersonation.denied'
) + (
  SELECT count(*)::int FROM "AuditEvent" e
  WHERE e."actorUserId" = ${s}."actorUserId" AND e."action" = 'impersonation.denied' AND e."subjectUserId" = ${s}."targetUserId"
    AND e."createdAt" >= ${s}."startedAt" AND e."createdAt" <= COALESCE(${s}."endedAt", 'infinity'::timestamp)))`;

function selectSessions(where: Prisma.Sql, order: Prisma.Sql, limit: number): Prisma.Sql {
  const s = Prisma.sql`s`;
  return Prisma.sql`
    SELECT s."id", s."mode"::text AS "mode", s."reason", ${epochMs(Prisma.sql`s."startedAt"`)} AS "startedAtMs",
      ${epochMs(Prisma.sql`s."expiresAt"`)} AS "expiresAtMs", ${epochMs(Prisma.sql`s."endedAt"`)} AS "endedAtMs",
      s."actorUserId", a."displayName" AS "actorName", s."targetUserId", t."displayName" AS "targetName",
      ${sessionActionCount(s)} AS "actionCount", ${sessionRefusalCount(s)} AS "refusalCount"
    FROM "ImpersonationSession" s
    JOIN "User" a ON a."id" = s."actorUserId"
    JOIN "User" t ON t."id" = s."targetUserId"
    WHERE ${where}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

export async function listImpersonationSessions(
  db: Database,
  circleId: number,
  page: { before?: number | undefined; limit?: number | undefined },
): Promise<{ rows: ImpersonationSessionReviewRow[]; nextCursor: string | null }> {
  const limit = page.limit ?? DEFAULT_PAGE;
  const older = page.before === undefined ? Prisma.empty : Prisma.sql`AND s."id" < ${page.before}`;
  const where = Prisma.sql`s."circleId" = ${circleId} ${older}`;
  const rows = await db.prisma.$queryRaw<ImpersonationSessionReviewRow[]>(selectSessions(where, Prisma.sql`s."id" DESC`, limit + 1));
  const items = rows.slice(0, limit);
  return { rows: items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
}

/** The sessions started from the start of `from` to the end of `to`, calendar days in the circle's time zone, oldest first. */
export async function exportImpersonationSessions(
  db: Database,
  circle: Pick<CircleRef, "id" | "timezone">,
  range: { from: string; to: string },
): Promise<ImpersonationSessionReviewRow[]> {
  const start = DateTime.fromISO(range.from, { zone: circle.timezone }).startOf("day").toJSDate();
  const end = DateTime.fromISO(range.to, { zone: circle.timezone }).plus({ days: 1 }).startOf("day").toJSDate();
  const where = Prisma.sql`s."circleId" = ${circle.id} AND s."startedAt" >= ${start} AND s."startedAt" < ${end}`;
  const rows = await db.prisma.$queryRaw<ImpersonationSessionReviewRow[]>(
    selectSessions(where, Prisma.sql`s."startedAt", s."id"`, SESSION_EXPORT_MAX_ROWS + 1),
  );
  if (rows.length > SESSION_EXPORT_MAX_ROWS) {
    throw invalidField("from", `More than ${SESSION_EXPORT_MAX_ROWS} sessions in this range; export a shorter one`, "query");
  }
  return rows;
}

/** An export takes the circle's act-as record out of Chorus: who did it, and for which range, is kept. */
export async function recordSessionsExport(db: Database, ctx: CircleContext, range: { from: string; to: string }, rows: number) {
  await recordAudit(db.prisma, ctx, {
    action: "audit.sessions_exported",
    entityType: "circle",
    entityId: ctx.circle.id,
    payload: { ...range, rows },
  });
}
