/**
 * "Acted for you" (docs/decisions/0012): what others did as a member — chore actions
 * recorded for them by someone else, and impersonation sessions started on them — newest first,
 * a page at a time, with how many entries are newer than the member last read.
 */
import type { Database } from "../db/database";
import type { ActedForMeRow } from "../domain";
import { Prisma } from "../generated/prisma/client";
import { invalidField } from "./chores/records";
import { sessionActionCount } from "./impersonationReview";

const DEFAULT_PAGE = 20;

/** Ties on time are broken by kind, then id: the cursor carries all three. */
const KIND_RANK: Record<ActedForMeRow["kind"], number> = { chore_action: 1, impersonation_session: 2 };

interface Position {
  atMs: number;
  rank: number;
  id: number;
}

const encodeCursor = (row: ActedForMeRow) => Buffer.from(`${row.atMs}.${KIND_RANK[row.kind]}.${row.id}`).toString("base64url");

function decodeCursor(cursor: string): Position {
  const match = /^(\d{1,15})\.([12])\.(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("latin1"));
  if (!match) throw invalidField("before", "Use the nextCursor of the previous page", "query");
  return { atMs: Number(match[1]), rank: Number(match[2]), id: Number(match[3]) };
}

const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;

/** Everyone else's actions as `userId`, and impersonation sessions on them, as one relation `f`. */
function entries(userId: number): Prisma.Sql {
  return Prisma.sql`(
    SELECT 'chore_action' AS "kind", ${KIND_RANK.chore_action}::int AS "rank", h."id", h."createdAt" AS "at",
      h."updatedById" AS "actorUserId",
      h."action"::text AS "action", h."choreId", c."name" AS "choreName", h."note", h."points",
      NULL::text AS "reason", NULL::text AS "mode", NULL::timestamp AS "expiresAt", NULL::timestamp AS "endedAt"
    FROM "ChoreHistory" h JOIN "Chore" c ON c."id" = h."choreId"
    WHERE h."performedAsId" = ${userId} AND h."updatedById" <> ${userId}
    UNION ALL
    SELECT 'impersonation_session', ${KIND_RANK.impersonation_session}::int, a."id", a."startedAt", a."actorUserId",
      NULL, NULL, NULL, NULL, NULL, a."reason", a."mode"::text, a."expiresAt", a."endedAt"
    FROM "ImpersonationSession" a
    WHERE a."targetUserId" = ${userId}
  ) f`;
}

export async function listActedForMe(
  db: Database,
  userId: number,
  page: { before?: string | undefined; limit?: number | undefined },
): Promise<{ rows: ActedForMeRow[]; nextCursor: string | null; unreadCount: number }> {
  const after = page.before === undefined ? null : decodeCursor(page.before);
  const limit = page.limit ?? DEFAULT_PAGE;
  // The page first, then its sessions' action counts: only the rows shown are counted.
  const rows = await db.prisma.$queryRaw<ActedForMeRow[]>`
    SELECT p.*, CASE WHEN p."kind" = 'impersonation_session' THEN ${sessionActionCount(Prisma.sql`p`)} END AS "actionCount"
    FROM (
      SELECT f."kind", f."id", f."at", f."rank", ${epochMs(Prisma.sql`f."at"`)} AS "atMs", f."actorUserId", u."displayName" AS "actorName",
        f."action", f."choreId", f."choreName", f."note", f."points", f."reason", f."mode",
        ${epochMs(Prisma.sql`f."expiresAt"`)} AS "expiresAtMs", ${epochMs(Prisma.sql`f."endedAt"`)} AS "endedAtMs"
      FROM ${entries(userId)}
      JOIN "User" u ON u."id" = f."actorUserId"
      ${
        after
          ? Prisma.sql`WHERE (f."at", f."rank", f."id")
              < (${new Date(after.atMs).toISOString()}::timestamp, ${after.rank}::int, ${after.id}::int)`
          : Prisma.empty
      }
      ORDER BY f."at" DESC, f."rank" DESC, f."id" DESC
      LIMIT ${limit + 1}
    ) p
    ORDER BY p."at" DESC, p."rank" DESC, p."id" DESC`;
  const [unread] = await db.prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM ${entries(userId)}
    WHERE f."at" > COALESCE((SELECT "actedForMeSeenAt" FROM "User" WHERE "id" = ${userId}), '-infinity'::timestamp)`;
  const items = rows.slice(0, limit);
  return {
    rows: items,
    nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!) : null,
    unreadCount: unread?.count ?? 0,
  };
}

/** Everything up to now counts as read. Only the reader's own marker changes: not audited. */
export async function markActedForMeRead(db: Database, userId: number): Promise<void> {
  await db.prisma.user.update({ where: { id: userId }, data: { actedForMeSeenAt: new Date() } });
}
