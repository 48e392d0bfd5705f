/**
 * Who is asking, and for whom: one SQL statement resolves a bearer credential to the
 * person, their active membership and circle and — when an impersonation selector was
 * sent — the selected user if they are an active member of that same circle. It is the
 * only per-request identity query, run against the database every time so revocations,
 * role changes and switches take effect on the next request.
 */
import type { ActAsConsent, ImpersonationMode, Role, SignInMethod } from "@chorus/shared";
import type { ImpersonationSessionRef, CircleRef, Person } from "../context";
import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import type { ImpersonationSelector } from "./headers";

export interface CircleMember {
  person: Person;
  role: Role;
}

export interface Principal {
  person: Person;
  circle: CircleRef | null;
  role: Role | null;
  impersonatorFlag: boolean;
  apiTokenId: number | null;
  tokenLastUsedAt: Date | null;
  /** The selected user, found only among active members of the principal's circle, with the consent that applies. */
  target: (CircleMember & { consent: ActAsConsent }) | null;
  /** This sign-in's open impersonation session on `target`, if any (user sessions only). */
  impersonation: OpenImpersonationSession | null;
  /** How this sign-in was made; null for API tokens. */
  signInMethod: SignInMethod | null;
  /** Signed in or stepped up within STEP_UP_MINUTES, by the database's clock (decision 0020); false for API tokens. */
  signInFresh: boolean;
}

export interface OpenImpersonationSession extends ImpersonationSessionRef {
  /** By the database's clock, so every server process agrees. */
  expired: boolean;
}

interface PrincipalRow extends Person {
  role: Role | null;
  impersonator: boolean | null;
  circleId: number | null;
  circleName: string | null;
  circleTimezone: string | null;
  circleLocale: string | null;
  circleImpersonationEnabled: boolean | null;
  circleImpersonationNoticeForChildren: boolean | null;
  circleMfaRequiredForAdmins: boolean | null;
  circleInviteCode: string | null;
  circleCreatedAt: Date | null;
  apiTokenId: number | null;
  tokenLastUsedAt: Date | null;
  targetId: number | null;
  targetUsername: string | null;
  targetEmail: string | null;
  targetPhone: string | null;
  targetDisplayName: string | null;
  targetTimezone: string | null;
  targetRole: Role | null;
  targetConsent: ActAsConsent | null;
  impersonationId: number | null;
  impersonationReason: string | null;
  impersonationMode: ImpersonationMode | null;
  impersonationExpiresAt: Date | null;
  impersonationExpired: boolean | null;
  impersonationExtensionCount: number | null;
  signInMethod: SignInMethod | null;
  signInFresh: boolean | null;
}

function toPrincipal(row: PrincipalRow): Principal {
  return {
    person: {
      id: row.id,
      username: row.username,
      email: row.email,
      phone: row.phone,
      displayName: row.displayName,
      timezone: row.timezone,
    },
    circle:
      row.circleId === null
        ? null
        : {
            id: row.circleId,
            name: row.circleName!,
            timezone: row.circleTimezone!,
            locale: row.circleLocale!,
            impersonationEnabled: row.circleImpersonationEnabled!,
            impersonationNoticeForChildren: row.circleImpersonationNoticeForChildren!,
            mfaRequiredForAdmins: row.circleMfaRequiredForAdmins!,
            inviteCode: row.circleInviteCode!,
            createdAt: new Date(row.circleCreatedAt!),
          },
    role: row.role,
    impersonatorFlag: row.impersonator === true,
    apiTokenId: row.apiTokenId,
    tokenLastUsedAt: row.tokenLastUsedAt ? new Date(row.tokenLastUsedAt) : null,
    target:
      row.targetId === null
        ? null
        : {
            person: {
              id: row.targetId,
              username: row.targetUsername!,
              email: row.targetEmail,
              phone: row.targetPhone,
              displayName: row.targetDisplayName!,
              timezone: row.targetTimezone!,
            },
            role: row.targetRole!,
            consent: row.targetConsent!,
          },
    impersonation:
      row.impersonationId === null
        ? null
        : {
            id: row.impersonationId,
            reason: row.impersonationReason,
            mode: row.impersonationMode!,
            expiresAt: new Date(row.impersonationExpiresAt!),
            expired: row.impersonationExpired === true,
            extensionCount: row.impersonationExtensionCount!,
          },
    signInMethod: row.signInMethod,
    signInFresh: row.signInFresh === true,
  };
}

const principalColumns = Prisma.sql`
  u."id", u."username", u."email", u."phone", u."displayName", u."timezone",
  m."role"::text AS "role", m."impersonator",
  c."id" AS "circleId", c."name" AS "circleName", c."timezone" AS "circleTimezone", c."locale" AS "circleLocale",
  c."impersonationEnabled" AS "circleImpersonationEnabled",
  c."impersonationNoticeForChildren" AS "circleImpersonationNoticeForChildren", c."inviteCode" AS "circleInviteCode",
  c."mfaRequiredForAdmins" AS "circleMfaRequiredForAdmins",
  c."createdAt" AS "circleCreatedAt",
  t."id" AS "targetId", t."username" AS "targetUsername", t."email" AS "targetEmail", t."phone" AS "targetPhone",
  t."displayName" AS "targetDisplayName", t."timezone" AS "targetTimezone", t."role" AS "targetRole",
  t."consent" AS "targetConsent"`;

/**
 * Who may act as user `alias` (decision 0023): `effectiveActAsConsent` in SQL, so the
 * per-request statement carries it at no extra cost. A child's account (no email) cannot choose.
 */
export const actAsConsentSql = (alias: string) =>
  Prisma.sql`CASE WHEN ${Prisma.raw(`${alias}."email"`)} IS NULL THEN 'anyone' ELSE ${Prisma.raw(`${alias}."actAsConsent"`)}::text END`;

/** The active membership and circle of `u`, and the selected target within that circle. */
function circleAndTargetJoins(selector: ImpersonationSelector | null): Prisma.Sql {
  const match =
    selector === null
      ? Prisma.sql`FALSE`
      : selector.by === "id"
        ? Prisma.sql`tu."id" = ${selector.value}`
        : selector.by === "email"
          ? Prisma.sql`tu."emailKey" = ${selector.value.toLowerCase()}`
          : Prisma.sql`tu."phone" = ${selector.value}`;
  return Prisma.sql`
    LEFT JOIN "Membership" m ON m."userId" = u."id" AND m."status" = 'active'
    LEFT JOIN "Circle" c ON c."id" = m."circleId"
    LEFT JOIN LATERAL (
      SELECT tu."id", tu."username", tu."email", tu."phone", tu."displayName", tu."timezone", tm."role"::text AS "role",
        ${actAsConsentSql("tu")} AS "consent"
      FROM "User" tu JOIN "Membership" tm ON tm."userId" = tu."id"
      WHERE ${match} AND tm."circleId" = m."circleId" AND tm."status" = 'active'
    ) t ON TRUE`;
}

/** How long a sign-in, or its last step-up, lets an admin start acting as a member without a secret (decision 0020). */
export const STEP_UP_MINUTES = 10;

/** Whether sign-in `s` was made, or last stepped up, within STEP_UP_MINUTES. */
export const signInFreshSql = Prisma.sql`
  GREATEST(s."createdAt", COALESCE(s."steppedUpAt", s."createdAt")) > now() - make_interval(mins => ${STEP_UP_MINUTES}) AS "signInFresh"`;

/**
 * The open impersonation session of sign-in `s` on target `t`, folded into the caller's
 * statement so that impersonation limits cost no extra round trip.
 */
const openImpersonationJoin = Prisma.sql`
    LEFT JOIN "ImpersonationSession" a ON a."sessionId" = s."id" AND a."targetUserId" = t."id" AND a."endedAt" IS NULL`;
const impersonationColumns = Prisma.sql`
  a."id" AS "impersonationId", a."reason" AS "impersonationReason", a."mode"::text AS "impersonationMode",
  a."expiresAt" AS "impersonationExpiresAt", a."expiresAt" <= now() AS "impersonationExpired",
  a."extensionCount" AS "impersonationExtensionCount", s."signInMethod"::text AS "signInMethod", ${signInFreshSql}`;
const noImpersonationColumns = Prisma.sql`
  NULL::int AS "impersonationId", NULL::text AS "impersonationReason", NULL::text AS "impersonationMode",
  NULL::timestamp AS "impersonationExpiresAt", NULL::boolean AS "impersonationExpired", NULL::int AS "impersonationExtensionCount",
  NULL::text AS "signInMethod", FALSE AS "signInFresh"`;

/** The statement behind `loadSessionPrincipal`; exported so the ceiling benchmark's bare server sends the same text. */
export function sessionPrincipalSql(session: { sessionId: string; userId: number }, selector: ImpersonationSelector | null): Prisma.Sql {
  return Prisma.sql`
    SELECT ${principalColumns}, NULL::int AS "apiTokenId", NULL::timestamp AS "tokenLastUsedAt", ${impersonationColumns}
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    ${circleAndTargetJoins(selector)}
    ${openImpersonationJoin}
    WHERE s."id" = ${session.sessionId} AND s."userId" = ${session.userId}
      AND s."revokedAt" IS NULL AND s."expiresAt" > now()`;
}

export async function loadSessionPrincipal(
  db: Database,
  session: { sessionId: string; userId: number },
  selector: ImpersonationSelector | null,
): Promise<Principal | null> {
  const rows = await db.queryRows<PrincipalRow>(sessionPrincipalSql(session, selector));
  return rows[0] ? toPrincipal(rows[0]) : null;
}

export async function loadTokenPrincipal(
  db: Database,
  tokenHash: string,
  selector: ImpersonationSelector | null,
): Promise<Principal | null> {
  const rows = await db.queryRows<PrincipalRow>(Prisma.sql`
    SELECT ${principalColumns}, k."id" AS "apiTokenId", k."lastUsedAt" AS "tokenLastUsedAt", ${noImpersonationColumns}
    FROM "ApiToken" k
    JOIN "User" u ON u."id" = k."userId"
    ${circleAndTargetJoins(selector)}
    WHERE k."tokenHash" = ${tokenHash}`);
  return rows[0] ? toPrincipal(rows[0]) : null;
}

/** A shared tablet's credential, its circle, and the member picked on it (if any, and only if active there). */
export interface DevicePrincipal {
  device: { id: number; name: string; lastUsedAt: Date | null };
  circle: CircleRef;
  member: (CircleMember & { pinHash: string | null }) | null;
}

interface DevicePrincipalRow {
  deviceId: number;
  deviceName: string;
  deviceLastUsedAt: Date | null;
  circleId: number;
  circleName: string;
  circleTimezone: string;
  circleLocale: string;
  circleImpersonationEnabled: boolean;
  circleImpersonationNoticeForChildren: boolean;
  circleMfaRequiredForAdmins: boolean;
  circleInviteCode: string;
  circleCreatedAt: Date;
  memberId: number | null;
  memberUsername: string | null;
  memberEmail: string | null;
  memberPhone: string | null;
  memberDisplayName: string | null;
  memberTimezone: string | null;
  memberRole: Role | null;
  memberPinHash: string | null;
}

/**
 * Like the user principals, one statement per request: a revoked device, or a member
 * who left or was removed, is refused on the very next request.
 */
export async function loadDevicePrincipal(db: Database, tokenHash: string, memberId: number | null): Promise<DevicePrincipal | null> {
  const rows = await db.queryRows<DevicePrincipalRow>(Prisma.sql`
    SELECT d."id" AS "deviceId", d."name" AS "deviceName", d."lastUsedAt" AS "deviceLastUsedAt",
      c."id" AS "circleId", c."name" AS "circleName", c."timezone" AS "circleTimezone", c."locale" AS "circleLocale",
      c."impersonationEnabled" AS "circleImpersonationEnabled",
  c."impersonationNoticeForChildren" AS "circleImpersonationNoticeForChildren", c."inviteCode" AS "circleInviteCode",
  c."mfaRequiredForAdmins" AS "circleMfaRequiredForAdmins",
      c."createdAt" AS "circleCreatedAt",
      t."id" AS "memberId", t."username" AS "memberUsername", t."email" AS "memberEmail", t."phone" AS "memberPhone",
      t."displayName" AS "memberDisplayName", t."timezone" AS "memberTimezone", t."role" AS "memberRole",
      t."pinHash" AS "memberPinHash"
    FROM "Device" d
    JOIN "Circle" c ON c."id" = d."circleId"
    LEFT JOIN LATERAL (
      SELECT tu."id", tu."username", tu."email", tu."phone", tu."displayName", tu."timezone", tm."role"::text AS "role",
        tu."pinHash"
      FROM "User" tu JOIN "Membership" tm ON tm."userId" = tu."id"
      WHERE tu."id" = ${memberId} AND tm."circleId" = d."circleId" AND tm."status" = 'active'
    ) t ON TRUE
    WHERE d."tokenHash" = ${tokenHash} AND d."revokedAt" IS NULL`);
  const row = rows[0];
  if (!row) return null;
  return {
    device: { id: row.deviceId, name: row.deviceName, lastUsedAt: row.deviceLastUsedAt ? new Date(row.deviceLastUsedAt) : null },
    circle: {
      id: row.circleId,
      name: row.circleName,
      timezone: row.circleTimezone,
      locale: row.circleLocale,
      impersonationEnabled: row.circleImpersonationEnabled,
      impersonationNoticeForChildren: row.circleImpersonationNoticeForChildren,
      mfaRequiredForAdmins: row.circleMfaRequiredForAdmins,
      inviteCode: row.circleInviteCode,
      createdAt: new Date(row.circleCreatedAt),
    },
    member:
      row.memberId === null
        ? null
        : {
            person: {
              id: row.memberId,
              username: row.memberUsername!,
              email: row.memberEmail,
              phone: row.memberPhone,
              displayName: row.memberDisplayName!,
              timezone: row.memberTimezone!,
            },
            role: row.memberRole!,
            pinHash: row.memberPinHash,
          },
  };
}
