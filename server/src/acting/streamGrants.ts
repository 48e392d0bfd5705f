/**
 * Re-checking open live-update streams in bulk: one SQL statement answers for every
 * stream of one circle whether it would still be allowed if opened now — its sign-in or
 * API token still valid, its person still an active member of that circle (or still of
 * none), and, while viewing as a member, the impersonation rights (DESIGN §5 steps 4–5)
 * and the impersonation session it was opened under. Per stream this is what the acting
 * context resolves for a new request; asking once per circle instead of once per stream
 * keeps a few thousand open tabs from costing a query each every beat.
 */
import type { ActAsConsent, Role } from "@chorus/shared";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { impersonationRefusal } from "./decide";
import { actAsConsentSql } from "./identity";

/** Who a stream was opened as, and on what authority. */
export interface StreamGrant {
  /** The circle the stream was opened in; null for someone in no circle. */
  circleId: number | null;
  /** The signed-in person. */
  actorId: number;
  /** The member viewed as, or the actor. */
  subjectId: number;
  /** The sign-in behind a user session; null for an API token. */
  sessionId: string | null;
  apiTokenId: number | null;
  /**
   * The impersonation session that allowed viewing as the subject, and when it ends; null when
   * not impersonating. The hub follows a restart, extension or switch of it (decision 0024).
   */
  impersonationId: number | null;
  impersonationExpiresAt: Date | null;
}

interface FactRow {
  kind: "session" | "token" | "member" | "circle" | "impersonation";
  key: string;
  role: Role | null;
  flag: boolean | null;
  circleId: number | null;
  /** A member's consent (decision 0023). */
  consent: ActAsConsent | null;
}

/** An SQL list that matches nothing when empty (`IN ()` is not valid SQL). */
const sqlList = (values: (string | number)[]) => (values.length > 0 ? Prisma.join(values) : Prisma.sql`NULL`);

/** For each grant (all opened in `circleId`), whether it still holds; in the same order. */
export async function recheckStreamGrants(prisma: PrismaClient, circleId: number | null, grants: StreamGrant[]): Promise<boolean[]> {
  if (grants.length === 0) return [];
  const sessionIds = [...new Set(grants.flatMap((grant) => (grant.sessionId ? [grant.sessionId] : [])))];
  const tokenIds = [...new Set(grants.flatMap((grant) => (grant.apiTokenId !== null ? [grant.apiTokenId] : [])))];
  const userIds = [...new Set(grants.flatMap((grant) => [grant.actorId, grant.subjectId]))];
  const impersonationIds = [...new Set(grants.flatMap((grant) => (grant.impersonationId !== null ? [grant.impersonationId] : [])))];
  const rows = await prisma.$queryRaw<FactRow[]>`
    SELECT 'session' AS "kind", s."id" AS "key", NULL::text AS "role", NULL::boolean AS "flag", NULL::int AS "circleId",
      NULL::text AS "consent"
    FROM "Session" s WHERE s."id" IN (${sqlList(sessionIds)}) AND s."revokedAt" IS NULL AND s."expiresAt" > now()
    UNION ALL
    SELECT 'token', k."id"::text, NULL, NULL, NULL, NULL FROM "ApiToken" k WHERE k."id" IN (${sqlList(tokenIds)})
    UNION ALL
    SELECT 'member', m."userId"::text, m."role"::text, m."impersonator", m."circleId", ${actAsConsentSql("u")}
    FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."userId" IN (${sqlList(userIds)}) AND m."status" = 'active'
    UNION ALL
    SELECT 'circle', c."id"::text, NULL, c."impersonationEnabled", c."id", NULL FROM "Circle" c WHERE c."id" = ${circleId}
    UNION ALL
    SELECT 'impersonation', a."id"::text, NULL, NULL, NULL, NULL
    FROM "ImpersonationSession" a WHERE a."id" IN (${sqlList(impersonationIds)}) AND a."endedAt" IS NULL AND a."expiresAt" > now()`;

  const found = (kind: FactRow["kind"], key: string | number) => rows.find((row) => row.kind === kind && row.key === String(key));
  return grants.map((grant) => {
    const credentialValid =
      grant.sessionId !== null ? found("session", grant.sessionId) : grant.apiTokenId !== null && found("token", grant.apiTokenId);
    if (!credentialValid) return false;
    const actor = found("member", grant.actorId);
    if ((actor?.circleId ?? null) !== circleId) return false;
    if (grant.subjectId === grant.actorId) return true;

    const target = found("member", grant.subjectId);
    if (circleId === null || !actor?.role || !target?.role || target.circleId !== circleId) return false;
    if (grant.impersonationId === null || !found("impersonation", grant.impersonationId)) return false;
    // The same rule as decide() applies to a new request (DESIGN §5 steps 4 and 5).
    return (
      impersonationRefusal({
        kind: grant.sessionId === null ? "apiToken" : "session",
        userId: grant.actorId,
        role: actor.role,
        impersonatorFlag: actor.flag === true,
        circleImpersonationEnabled: found("circle", circleId)?.flag === true,
        target: { userId: grant.subjectId, role: target.role, consent: target.consent! },
        impersonation: null,
      }) === null
    );
  });
}

/**
 * Milliseconds left in impersonation session `id` by the database's clock (so every process
 * agrees with what a request would meet); null once it has ended. Negative or zero: expired.
 */
export async function impersonationMsLeft(prisma: PrismaClient, id: number): Promise<number | null> {
  const [row] = await prisma.$queryRaw<{ msLeft: number }[]>`
    SELECT (EXTRACT(EPOCH FROM ("expiresAt" - now())) * 1000)::float8 AS "msLeft"
    FROM "ImpersonationSession" WHERE "id" = ${id} AND "endedAt" IS NULL`;
  return row ? row.msLeft : null;
}
