/**
 * "Ask me first" (decision 0023): an admin's or manager's request to act as a member who asks
 * to be asked. The member grants it — which opens an impersonation session of the asking
 * sign-in, in the asked mode, for the impersonation time limit — or declines it, which is
 * final. A pending request expires after ACT_AS_REQUEST_MINUTES; expiry is written (and
 * audited) by whichever read or answer first finds it overdue. Every step is audited and
 * sends a `members` hint, so both people's screens update live.
 */
import type { ImpersonationMode } from "@chorus/shared";
import { contract } from "@chorus/shared";
import type { AppConfig } from "../config";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import type { ActAsRequestRow } from "../domain";
import { ApiError, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { publishChange } from "../realtime/changes";
import { recordRawAudit } from "../services/audit";
import { allowedImpersonationTarget, endSessions, insertOpenSession, publishOpen, startedEvent } from "./impersonationSessions";
import { requireStepUp, type StepUpSecrets } from "./stepUp";

type Tx = Prisma.TransactionClient;

/** How long a member has to answer a request. */
export const ACT_AS_REQUEST_MINUTES = 15;
/** How far back the asker's own requests are listed (the chooser shows each member's latest). */
const OUTGOING_HOURS = 24;

/** The requests `where` selects, with both people's names and, once granted, when the session it opened ends. */
async function selectRequests(db: Tx | Database["prisma"], where: Prisma.Sql, limit = 100): Promise<ActAsRequestRow[]> {
  const rows = await db.$queryRaw<ActAsRequestRow[]>`
    SELECT r."id", r."sessionId", r."circleId", r."actorUserId", au."displayName" AS "actorName", r."targetUserId",
      tu."displayName" AS "targetName", r."reason", r."mode"::text AS "mode", r."status"::text AS "status",
      r."createdAt", r."expiresAt", r."respondedAt", g."expiresAt" AS "grantedUntil"
    FROM "ActAsRequest" r
    JOIN "User" au ON au."id" = r."actorUserId"
    JOIN "User" tu ON tu."id" = r."targetUserId"
    LEFT JOIN LATERAL (
      SELECT a."expiresAt" FROM "ImpersonationSession" a
      WHERE r."status" = 'granted' AND a."sessionId" = r."sessionId" AND a."targetUserId" = r."targetUserId"
        AND a."startedAt" >= r."respondedAt"
      ORDER BY a."startedAt" LIMIT 1
    ) g ON TRUE
    WHERE ${where}
    ORDER BY r."createdAt" DESC, r."id" DESC
    LIMIT ${limit}`;
  return rows;
}

/** The audit event of a step in a request's life, by `actorUserId` (the asker, or the member answering). */
function requestEvent(tx: Tx, ctx: Pick<ActingContext, "request">, row: ActAsRequestRow, action: string, actorUserId: number | null) {
  return recordRawAudit(tx, ctx.request, {
    circleId: row.circleId,
    actorUserId,
    subjectUserId: row.targetUserId,
    action,
    entityType: "act_as_request",
    entityId: row.id,
    payload: {
      requestId: row.id,
      askedBy: row.actorUserId,
      impersonatedUserId: row.targetUserId,
      mode: row.mode,
      ...(row.reason ? { reason: row.reason } : {}),
    },
  });
}

/** Marks `where`'s overdue pending requests expired, each with its audit event and a hint. */
async function expireOverdue(tx: Tx, ctx: Pick<ActingContext, "request">, where: Prisma.Sql): Promise<void> {
  const expired = await tx.$queryRaw<{ id: number }[]>`
    UPDATE "ActAsRequest" r SET "status" = 'expired'
    WHERE r."status" = 'pending' AND r."expiresAt" <= now() AND ${where}
    RETURNING r."id"`;
  if (expired.length === 0) return;
  const rows = await selectRequests(tx, Prisma.sql`r."id" IN (${Prisma.join(expired.map((row) => row.id))})`);
  for (const row of rows) await requestEvent(tx, ctx, row, "impersonation.request_expired", null);
  await publishChange(tx, { type: "members", circleIds: [...new Set(rows.map((row) => row.circleId))] });
}

/**
 * POST /impersonation/requests: the caller and target rules of POST /impersonation (a member
 * who lets nobody act is refused with the rank rule's body), then the step-up, then a pending
 * request — or the one already pending from this caller to this member.
 */
export async function requestActAs(
  db: Database,
  config: AppConfig,
  ctx: ActingContext,
  request: { userId: number; reason: string | null; mode: ImpersonationMode } & StepUpSecrets,
): Promise<ActAsRequestRow> {
  const target = await allowedImpersonationTarget(db.prisma, ctx, request.userId, contract.impersonation.request);
  if (target.consent !== "ask") {
    throw new ApiError("invalid_state", `${target.user.displayName} does not ask to be asked first: start acting as them directly`);
  }
  await requireStepUp(db, config, ctx, request, "impersonation.requested");
  return db.prisma.$transaction(async (tx) => {
    const pair = Prisma.sql`r."actorUserId" = ${ctx.actor.id} AND r."targetUserId" = ${target.userId}`;
    await expireOverdue(tx, ctx, pair);
    // One pending request per asker and member (a partial unique index): asking again returns it.
    const inserted = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO "ActAsRequest" ("sessionId", "circleId", "actorUserId", "targetUserId", "reason", "mode", "expiresAt")
      VALUES (${ctx.sessionId!}, ${target.circleId}, ${ctx.actor.id}, ${target.userId}, ${request.reason},
        ${request.mode}::"ImpersonationMode", now() + make_interval(mins => ${ACT_AS_REQUEST_MINUTES}::int))
      ON CONFLICT ("actorUserId", "targetUserId") WHERE "status" = 'pending' DO NOTHING
      RETURNING "id"`;
    const [row] = await selectRequests(
      tx,
      inserted[0] ? Prisma.sql`r."id" = ${inserted[0].id}` : Prisma.sql`${pair} AND r."status" = 'pending'`,
      1,
    );
    if (inserted[0]) {
      await requestEvent(tx, ctx, row!, "impersonation.requested", ctx.actor.id);
      await publishChange(tx, { type: "members", circleIds: [row!.circleId] });
    }
    return row!;
  });
}

/** GET /impersonation/requests: the pending requests to act as the caller, and the caller's own of the last day. */
export async function listActAsRequests(
  db: Database,
  ctx: ActingContext,
): Promise<{ incoming: ActAsRequestRow[]; outgoing: ActAsRequestRow[] }> {
  const me = ctx.actor.id;
  // Only the circle the person is in now: a request from a circle they left is no one's business there.
  const circleId = ctx.circle?.id ?? null;
  if (circleId === null) return { incoming: [], outgoing: [] };
  return db.prisma.$transaction(async (tx) => {
    await expireOverdue(tx, ctx, Prisma.sql`(r."actorUserId" = ${me} OR r."targetUserId" = ${me})`);
    const incoming = await selectRequests(
      tx,
      Prisma.sql`r."targetUserId" = ${me} AND r."circleId" = ${circleId} AND r."status" = 'pending'`,
    );
    const outgoing = await selectRequests(
      tx,
      Prisma.sql`r."actorUserId" = ${me} AND r."circleId" = ${circleId}
        AND r."createdAt" > now() - make_interval(hours => ${OUTGOING_HOURS}::int)`,
    );
    return { incoming, outgoing };
  });
}

/**
 * The member answers their pending request `id`. The conditional UPDATE takes the row's lock,
 * so of parallel answers exactly one finds it pending; the others are told it was answered.
 */
export async function answerActAsRequest(
  db: Database,
  config: AppConfig,
  ctx: ActingContext,
  id: number,
  answer: "granted" | "declined",
): Promise<ActAsRequestRow> {
  // The member's own request, in the circle they are in now.
  const mine = Prisma.sql`r."id" = ${id} AND r."targetUserId" = ${ctx.actor.id} AND r."circleId" = ${ctx.circle?.id ?? null}::int`;
  return db.prisma.$transaction(async (tx) => {
    const answered = await tx.$queryRaw<{ id: number }[]>`
      UPDATE "ActAsRequest" r SET "status" = ${answer}::"ActAsRequestStatus", "respondedAt" = now()
      WHERE ${mine} AND r."status" = 'pending' AND r."expiresAt" > now()
      RETURNING r."id"`;
    if (!answered[0]) {
      await expireOverdue(tx, ctx, mine);
      const [row] = await selectRequests(tx, mine, 1);
      if (!row) throw notFound("Request");
      throw new ApiError("invalid_state", `This request was already ${row.status}`, { status: row.status });
    }
    let [row] = await selectRequests(tx, Prisma.sql`r."id" = ${id}`, 1);
    await requestEvent(
      tx,
      ctx,
      row!,
      answer === "granted" ? "impersonation.request_granted" : "impersonation.request_declined",
      ctx.actor.id,
    );
    if (answer === "granted") {
      await openGrantedSession(tx, config, ctx, row!);
      [row] = await selectRequests(tx, Prisma.sql`r."id" = ${id}`, 1);
    }
    await publishChange(tx, { type: "members", circleIds: [row!.circleId] });
    return row!;
  });
}

/** The member said nobody (actAsConsent.ts): their pending requests are declined, each audited. */
export async function declinePendingRequests(tx: Tx, ctx: ActingContext): Promise<void> {
  const declined = await tx.$queryRaw<{ id: number }[]>`
    UPDATE "ActAsRequest" SET "status" = 'declined', "respondedAt" = now()
    WHERE "targetUserId" = ${ctx.actor.id} AND "status" = 'pending' AND "expiresAt" > now()
    RETURNING "id"`;
  if (declined.length === 0) return;
  const rows = await selectRequests(tx, Prisma.sql`r."id" IN (${Prisma.join(declined.map((row) => row.id))})`);
  for (const row of rows) await requestEvent(tx, ctx, row, "impersonation.request_declined", ctx.actor.id);
}

/**
 * A grant opens the impersonation session on the asking sign-in, replacing any it still has
 * on this member (an earlier grant's). Every request in it is still checked by decide().
 */
async function openGrantedSession(tx: Tx, config: AppConfig, ctx: ActingContext, request: ActAsRequestRow): Promise<void> {
  await endSessions(
    tx,
    ctx.request,
    Prisma.sql`a."sessionId" = ${request.sessionId} AND a."targetUserId" = ${request.targetUserId}`,
    "replaced",
    { restartingOn: request.targetUserId },
  );
  const asker = { circleId: request.circleId, actorUserId: request.actorUserId, subjectUserId: request.targetUserId };
  const row = await insertOpenSession(tx, {
    sessionId: request.sessionId,
    circleId: request.circleId,
    actorUserId: request.actorUserId,
    targetUserId: request.targetUserId,
    reason: request.reason,
    mode: request.mode,
    limitMinutes: config.impersonationLimitMinutes,
  });
  const started = startedEvent(row!, "grant");
  await recordRawAudit(tx, ctx.request, {
    ...asker,
    ...started,
    payload: { ...started.payload, impersonatedUserId: request.targetUserId, requestId: request.id },
  });
  // The asker's tabs already acting as the member go on in the new session (decision 0024);
  // the member granted it, so no notice, but their feed and the admins' review list it.
  await publishOpen(tx, request.sessionId, row!);
  await publishChange(tx, { type: "impersonation_sessions", circleIds: [request.circleId] });
}
