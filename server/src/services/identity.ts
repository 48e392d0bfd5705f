/**
 * Who is asking: one SQL statement resolves a bearer credential to the person, their
 * active membership and circle; one more resolves an impersonation target. These are the
 * only per-request identity queries, checked against the database every time so that
 * revocations, role changes and switches take effect on the next request.
 */
import type { Role } from "@chorus/shared";
import type { CircleRef, Person } from "../context";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { ImpersonationSelector } from "../policies/impersonation";

export interface Principal {
  person: Person;
  circle: CircleRef | null;
  role: Role | null;
  impersonatorFlag: boolean;
  apiTokenId: number | null;
  tokenLastUsedAt: Date | null;
}

interface PrincipalRow extends Person {
  role: Role | null;
  impersonator: boolean | null;
  circleId: number | null;
  circleName: string | null;
  circleTimezone: string | null;
  circleImpersonationEnabled: boolean | null;
  circleInviteCode: string | null;
  circleCreatedAt: Date | null;
  apiTokenId: number | null;
  tokenLastUsedAt: Date | null;
}

function toPrincipal(row: PrincipalRow): Principal {
  return {
    person: { id: row.id, username: row.username, email: row.email, phone: row.phone, displayName: row.displayName, timezone: row.timezone },
    circle:
      row.circleId === null
        ? null
        : {
            id: row.circleId,
            name: row.circleName!,
            timezone: row.circleTimezone!,
            impersonationEnabled: row.circleImpersonationEnabled!,
            inviteCode: row.circleInviteCode!,
            createdAt: new Date(row.circleCreatedAt!),
          },
    role: row.role,
    impersonatorFlag: row.impersonator === true,
    apiTokenId: row.apiTokenId,
    tokenLastUsedAt: row.tokenLastUsedAt ? new Date(row.tokenLastUsedAt) : null,
  };
}

const principalColumns = Prisma.sql`
  u."id", u."username", u."email", u."phone", u."displayName", u."timezone",
  m."role"::text AS "role", m."impersonator",
  c."id" AS "circleId", c."name" AS "circleName", c."timezone" AS "circleTimezone",
  c."impersonationEnabled" AS "circleImpersonationEnabled", c."inviteCode" AS "circleInviteCode",
  c."createdAt" AS "circleCreatedAt"`;

const activeCircleJoin = Prisma.sql`
  LEFT JOIN "Membership" m ON m."userId" = u."id" AND m."status" = 'active'
  LEFT JOIN "Circle" c ON c."id" = m."circleId"`;

export async function loadSessionPrincipal(db: PrismaClient, sessionId: string, userId: number): Promise<Principal | null> {
  const rows = await db.$queryRaw<PrincipalRow[]>`
    SELECT ${principalColumns}, NULL::int AS "apiTokenId", NULL::timestamp AS "tokenLastUsedAt"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    ${activeCircleJoin}
    WHERE s."id" = ${sessionId} AND s."userId" = ${userId}
      AND s."revokedAt" IS NULL AND s."expiresAt" > now()`;
  return rows[0] ? toPrincipal(rows[0]) : null;
}

export async function loadTokenPrincipal(db: PrismaClient, tokenHash: string): Promise<Principal | null> {
  const rows = await db.$queryRaw<PrincipalRow[]>`
    SELECT ${principalColumns}, t."id" AS "apiTokenId", t."lastUsedAt" AS "tokenLastUsedAt"
    FROM "ApiToken" t
    JOIN "User" u ON u."id" = t."userId"
    ${activeCircleJoin}
    WHERE t."tokenHash" = ${tokenHash}`;
  return rows[0] ? toPrincipal(rows[0]) : null;
}

/** The selected user if they are an active member of `circleId`, else null. */
export async function findCircleMember(
  db: PrismaClient,
  circleId: number,
  selector: ImpersonationSelector,
): Promise<{ person: Person; role: Role } | null> {
  const match =
    selector.by === "id"
      ? Prisma.sql`u."id" = ${selector.value}`
      : selector.by === "email"
        ? Prisma.sql`u."emailKey" = ${selector.value.toLowerCase()}`
        : Prisma.sql`u."phone" = ${selector.value}`;
  const rows = await db.$queryRaw<(Person & { role: Role })[]>`
    SELECT u."id", u."username", u."email", u."phone", u."displayName", u."timezone", m."role"::text AS "role"
    FROM "User" u JOIN "Membership" m ON m."userId" = u."id"
    WHERE ${match} AND m."circleId" = ${circleId} AND m."status" = 'active'`;
  const row = rows[0];
  if (!row) return null;
  const { role, ...person } = row;
  return { person, role };
}
