/**
 * Impersonation sessions (docs/decisions/0012). Acting as a member belongs to one sign-in and
 * lasts `impersonationLimitMinutes`: it starts explicitly (POST /impersonation, with an optional
 * reason and a mode, decision 0020) or with the first selector-header request, and ends by
 * DELETE /impersonation or when its time is up. Starting, or switching to `act`, may need a step-up (stepUp.ts).
 * Starts, extensions and ends are audited; the acting-context statement finds
 * the open session, so steady-state requests cost nothing extra. Every change to a session
 * is published to the streams viewing through it (decision 0024), so other tabs follow at once;
 * starts and ends also hint the circle's streams, and a start tells the member through their
 * reminder channels (decision 0022).
 */
import {
  contract,
  effectiveActAsConsent,
  IMPERSONATION_EXTEND_WINDOW_MINUTES,
  type Endpoint,
  type ImpersonationMode,
} from "@chorus/shared";
import type { AppConfig } from "../config";
import type { ActingContext, CircleContext, ImpersonationSessionRef, Person, RequestMeta } from "../context";
import type { ImpersonationSessionRow } from "../domain";
import type { Database } from "../db/database";
import { ApiError, conflict } from "../errors";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { publishChange } from "../realtime/changes";
import { impersonationAuditFields, recordAudit, recordRawAudit, type AuditEntry } from "../services/audit";
import { claimImpersonationNotices, type ImpersonationNotices } from "../reminders/impersonationNotices";
import { consentRequired, impersonationRefusal, targetNotAllowed } from "./decide";
import { recordRefusedStart } from "./refusals";
import { requireStepUp, type StepUpSecrets } from "./stepUp";

type Tx = Prisma.TransactionClient;

export interface NewImpersonationSession {
  sessionId: string;
  circleId: number;
  actorUserId: number;
  targetUserId: number;
  reason: string | null;
  mode: ImpersonationMode;
  limitMinutes: number;
}

const sessionRowColumns = Prisma.sql`"id", "targetUserId", "reason", "mode"::text AS "mode", "startedAt", "expiresAt", "extensionCount"`;

function toSessionRow(row: ImpersonationSessionRow): ImpersonationSessionRow {
  return { ...row, startedAt: new Date(row.startedAt), expiresAt: new Date(row.expiresAt) };
}

/** Inserts the session unless this sign-in already has an open one on the target (then null). */
export async function insertOpenSession(db: Tx, session: NewImpersonationSession): Promise<ImpersonationSessionRow | null> {
  const rows = await db.$queryRaw<ImpersonationSessionRow[]>`
    INSERT INTO "ImpersonationSession" ("sessionId", "circleId", "actorUserId", "targetUserId", "reason", "mode", "startedAt", "expiresAt")
    VALUES (${session.sessionId}, ${session.circleId}, ${session.actorUserId}, ${session.targetUserId}, ${session.reason},
      ${session.mode}::"ImpersonationMode", now(), now() + make_interval(mins => ${session.limitMinutes}::int))
    ON CONFLICT ("sessionId", "targetUserId") WHERE "endedAt" IS NULL DO NOTHING
    RETURNING ${sessionRowColumns}`;
  const row = rows[0];
  return row ? toSessionRow(row) : null;
}

/**
 * What a session's start writes besides the row: its audit event, the member's notices
 * (claimed here, sent after commit: decision 0022) and the live hint for their feed.
 */
async function recordStart(
  tx: Tx,
  ctx: ActingContext & { circle: CircleContext["circle"] },
  row: ImpersonationSessionRow,
  startedBy: "request" | "header" | "grant",
) {
  await recordAudit(tx, ctx, startedEvent(row, startedBy));
  await claimImpersonationNotices(tx, { id: row.id, circleId: ctx.circle.id, targetUserId: row.targetUserId });
  await publishChange(tx, { type: "impersonation_sessions", circleIds: [ctx.circle.id] });
}

export function startedEvent(row: ImpersonationSessionRow, startedBy: "request" | "header" | "grant"): AuditEntry {
  return {
    action: "impersonation.started",
    entityType: "user",
    entityId: row.targetUserId,
    payload: { ...impersonationAuditFields(row), startedBy, mode: row.mode, expiresAt: row.expiresAt.toISOString() },
  };
}

/**
 * The first allowed selector-header request of a sign-in on a target starts a session
 * with no reason, in `act` mode: decide() lets it through only on a sign-in that needs no
 * step-up (decision 0020). Two such requests at once start one: the loser reads the winner's.
 */
export async function startImpersonationSessionByHeader(
  db: Database,
  config: AppConfig,
  notices: ImpersonationNotices,
  ctx: CircleContext,
): Promise<ImpersonationSessionRef> {
  const started = await db.prisma.$transaction(async (tx) => {
    const row = await insertOpenSession(tx, {
      sessionId: ctx.sessionId!,
      circleId: ctx.circle.id,
      actorUserId: ctx.actor.id,
      targetUserId: ctx.subject.id,
      reason: null,
      mode: "act",
      limitMinutes: config.impersonationLimitMinutes,
    });
    if (row) await recordStart(tx, { ...ctx, impersonation: row }, row, "header");
    return row;
  });
  if (started) {
    notices.sendSoon();
    return started;
  }
  const open = await db.prisma.impersonationSession.findFirstOrThrow({
    where: { sessionId: ctx.sessionId!, targetUserId: ctx.subject.id, endedAt: null },
  });
  return { id: open.id, reason: open.reason, mode: open.mode, expiresAt: open.expiresAt, extensionCount: open.extensionCount };
}

/** Tells the streams viewing through sign-in `sessionId`'s session on the target that it is now `row` (decision 0024). */
export function publishOpen(tx: Tx, sessionId: string, row: ImpersonationSessionRow): Promise<void> {
  return publishChange(tx, {
    type: "impersonation",
    sessionId,
    targetUserId: row.targetUserId,
    open: { id: row.id, expiresAt: row.expiresAt.toISOString() },
  });
}

type EndedBy = "request" | "replaced" | "signed_out" | "consent_changed";

/**
 * The one way sessions end before their time (decision 0024): ends the open sessions `which`
 * selects (a condition on the session row `a`), each with an `impersonation.ended` event by the
 * person who was acting, tells the streams viewing through each, and hints the circles' streams.
 * `restartingOn` names the member a new session of the same sign-in is about to start on: tabs
 * acting as them go on, so they are not told. `signIn` is the caller's own sign-in, if ending
 * sessions of others too (their events say `onOtherSignIn`).
 */
export async function endSessions(
  tx: Tx,
  request: RequestMeta,
  which: Prisma.Sql,
  endedBy: EndedBy,
  { restartingOn = null, signIn = null }: { restartingOn?: number | null; signIn?: string | null } = {},
): Promise<void> {
  const ended = await tx.$queryRaw<
    { id: number; sessionId: string; circleId: number; actorUserId: number; targetUserId: number; reason: string | null }[]
  >`
    UPDATE "ImpersonationSession" a SET "endedAt" = now()
    WHERE a."endedAt" IS NULL AND (${which})
    RETURNING a."id", a."sessionId", a."circleId", a."actorUserId", a."targetUserId", a."reason"`;
  for (const session of ended) {
    await recordRawAudit(tx, request, {
      circleId: session.circleId,
      actorUserId: session.actorUserId,
      subjectUserId: session.targetUserId,
      action: "impersonation.ended",
      entityType: "user",
      entityId: session.targetUserId,
      payload: {
        impersonatedUserId: session.targetUserId,
        ...impersonationAuditFields(session),
        endedBy,
        ...(signIn && session.sessionId !== signIn ? { onOtherSignIn: true } : {}),
      },
    });
    if (session.targetUserId !== restartingOn) {
      await publishChange(tx, { type: "impersonation_ended", sessionId: session.sessionId, targetUserId: session.targetUserId, endedBy });
    }
  }
  const circleIds = [...new Set(ended.map((session) => session.circleId))];
  if (circleIds.length > 0) await publishChange(tx, { type: "impersonation_sessions", circleIds });
}

/**
 * Ends this sign-in's open sessions. An explicit end (`request`, Exit in any tab) of a running
 * session also ends the same person's sessions on that member on their other sign-ins: leaving
 * "acting as Alex" on the phone leaves it on the wall tablet too. Clearing away a session whose
 * time is up (the web app does after `impersonation_expired`) does not.
 */
export async function endOpenSessions(tx: Tx, ctx: ActingContext, endedBy: EndedBy, restartingOn: number | null = null): Promise<void> {
  if (!ctx.sessionId) return;
  const elsewhere =
    endedBy === "request"
      ? Prisma.sql`OR (a."actorUserId" = ${ctx.actor.id} AND a."targetUserId" IN (
          SELECT "targetUserId" FROM "ImpersonationSession"
          WHERE "sessionId" = ${ctx.sessionId} AND "endedAt" IS NULL AND "expiresAt" > now()))`
      : Prisma.empty;
  await endSessions(tx, ctx.request, Prisma.sql`a."sessionId" = ${ctx.sessionId} ${elsewhere}`, endedBy, {
    restartingOn,
    signIn: ctx.sessionId,
  });
}

/**
 * POST /impersonation: a fresh session on `target` with the full time limit. One explicit
 * impersonation at a time per sign-in, as in the web app: any open session of this sign-in ends.
 */
export async function startImpersonationSession(
  db: Database,
  config: AppConfig,
  notices: ImpersonationNotices,
  ctx: CircleContext,
  target: Person,
  reason: string | null,
  mode: ImpersonationMode,
): Promise<ImpersonationSessionRow> {
  const started = await db.prisma.$transaction(async (tx) => {
    await endOpenSessions(tx, ctx, "replaced", target.id);
    const row = await insertOpenSession(tx, {
      sessionId: ctx.sessionId!,
      circleId: ctx.circle.id,
      actorUserId: ctx.actor.id,
      targetUserId: target.id,
      reason,
      mode,
      limitMinutes: config.impersonationLimitMinutes,
    });
    // Only a header request racing this one can have opened a session in between.
    if (!row) throw conflict("Acting as this member was started at the same moment by another request; try again");
    await recordStart(tx, { ...ctx, subject: target, impersonating: true, impersonation: row }, row, "request");
    await publishOpen(tx, ctx.sessionId!, row);
    return row;
  });
  notices.sendSoon();
  return started;
}

interface ExtensionFacts {
  expiresAt: Date;
  extensionCount: number;
  /** By the database clock: not ended and not yet past its end. */
  open: boolean;
  /** By the database clock: within its last IMPERSONATION_EXTEND_WINDOW_MINUTES. */
  extendable: boolean;
}

/**
 * POST /impersonation/extend, sent with the selector header: the acting-context checks
 * (DESIGN §5 steps 1 to 6, expiry included) have passed, so the session was open and not
 * yet expired. Within its last IMPERSONATION_EXTEND_WINDOW_MINUTES, and at most
 * `impersonationMaxExtensions` times (decision 0024), it now ends a full limit from now, never
 * later; the extension is audited like any impersonated write, with the count. The row lock
 * orders parallel extends, so the limit holds however many arrive at once. Null when the
 * session ended in between.
 */
export async function extendImpersonationSession(
  db: Database,
  config: AppConfig,
  ctx: CircleContext,
): Promise<ImpersonationSessionRow | null> {
  const impersonation = ctx.impersonation;
  if (!impersonation) return null;
  return db.prisma.$transaction(async (tx) => {
    const [facts] = await tx.$queryRaw<ExtensionFacts[]>`
      SELECT "expiresAt", "extensionCount", "endedAt" IS NULL AND "expiresAt" > now() AS "open",
        "expiresAt" <= now() + make_interval(mins => ${IMPERSONATION_EXTEND_WINDOW_MINUTES}::int) AS "extendable"
      FROM "ImpersonationSession" WHERE "id" = ${impersonation.id} FOR UPDATE`;
    if (!facts?.open) return null;
    const previousExpiresAt = new Date(facts.expiresAt);
    if (facts.extensionCount >= config.impersonationMaxExtensions) {
      throw new ApiError(
        "impersonation_extension_limit",
        "This impersonation session cannot be extended again; start acting as the member anew",
        {
          maxExtensions: config.impersonationMaxExtensions,
        },
      );
    }
    if (!facts.extendable) {
      const extendableAt = new Date(previousExpiresAt.getTime() - IMPERSONATION_EXTEND_WINDOW_MINUTES * 60_000).toISOString();
      throw new ApiError(
        "impersonation_extend_too_early",
        `An impersonation session can be extended only in its last ${IMPERSONATION_EXTEND_WINDOW_MINUTES} minutes`,
        { extendableAt },
      );
    }
    const rows = await tx.$queryRaw<ImpersonationSessionRow[]>`
      UPDATE "ImpersonationSession"
      SET "expiresAt" = now() + make_interval(mins => ${config.impersonationLimitMinutes}::int), "extensionCount" = "extensionCount" + 1
      WHERE "id" = ${impersonation.id}
      RETURNING ${sessionRowColumns}`;
    const extended = toSessionRow(rows[0]!);
    await recordAudit(
      tx,
      { ...ctx, impersonation: extended },
      {
        action: "impersonation.extended",
        entityType: "user",
        entityId: extended.targetUserId,
        payload: {
          previousExpiresAt: previousExpiresAt.toISOString(),
          expiresAt: extended.expiresAt.toISOString(),
          extensionCount: extended.extensionCount,
          maxExtensions: config.impersonationMaxExtensions,
        },
      },
    );
    await publishOpen(tx, ctx.sessionId!, extended);
    return extended;
  });
}

/** DELETE /impersonation: ends every open impersonation session of this sign-in. */
export function endImpersonationSessions(db: Database, ctx: ActingContext): Promise<void> {
  return db.prisma.$transaction((tx) => endOpenSessions(tx, ctx, "request"));
}

/** The caller's own membership facts and the target's, for POST /impersonation's (and /impersonation/requests') policy. */
export async function loadImpersonationParties(db: PrismaClient, ctx: ActingContext, targetUserId: number) {
  if (!ctx.circle) return { impersonatorFlag: false, target: null };
  const memberships = await db.membership.findMany({
    where: { circleId: ctx.circle.id, status: "active", userId: { in: [ctx.actor.id, targetUserId] } },
    include: { user: true },
  });
  const caller = memberships.find((membership) => membership.userId === ctx.actor.id);
  const target = memberships.find((membership) => membership.userId === targetUserId && membership.userId !== ctx.actor.id) ?? null;
  return { impersonatorFlag: caller?.impersonator === true, target };
}

/**
 * The target of POST /impersonation or /impersonation/requests, when the same caller and target
 * rules as the selector header's allow it (DESIGN §5 steps 4 and 5, the member's consent
 * included); otherwise the refusal is recorded like the header's and thrown.
 */
export async function allowedImpersonationTarget(db: PrismaClient, ctx: ActingContext, targetUserId: number, route: Endpoint) {
  const { impersonatorFlag, target } = await loadImpersonationParties(db, ctx, targetUserId);
  const consent = target && effectiveActAsConsent(target.user);
  const refusal = impersonationRefusal({
    kind: ctx.viaToken ? "apiToken" : "session",
    userId: ctx.actor.id,
    role: ctx.actorRole,
    impersonatorFlag,
    circleImpersonationEnabled: ctx.circle?.impersonationEnabled === true,
    target: target && { userId: target.userId, role: target.role, consent: consent! },
    impersonation: null,
  });
  if (refusal || !target || !ctx.circle) {
    const error = refusal ?? targetNotAllowed();
    await recordRefusedStart(db, ctx, targetUserId, target?.userId ?? null, error, route);
    throw error;
  }
  return { ...target, consent: consent! };
}

/**
 * POST /impersonation: the same caller and target rules as the selector header (DESIGN §5
 * steps 4 and 5, `impersonationRefusal`), refusals recorded like the header's; a member who asks
 * first is asked through /impersonation/requests instead (decision 0023); then the step-up
 * (decision 0020) and a fresh session in the asked mode.
 */
export async function startImpersonation(
  db: Database,
  config: AppConfig,
  notices: ImpersonationNotices,
  ctx: ActingContext,
  request: { userId: number; reason: string | null; mode: ImpersonationMode } & StepUpSecrets,
): Promise<ImpersonationSessionRow> {
  const target = await allowedImpersonationTarget(db.prisma, ctx, request.userId, contract.impersonation.start);
  if (target.consent === "ask") {
    const error = consentRequired();
    await recordRefusedStart(db.prisma, ctx, request.userId, target.userId, error);
    throw error;
  }
  await requireStepUp(db, config, ctx, request, "impersonation.start");
  return startImpersonationSession(db, config, notices, ctx as CircleContext, target.user, request.reason, request.mode);
}

/**
 * PATCH /impersonation, sent with the selector header (so every impersonation rule has
 * passed): switches the session's mode, audited with the old and new one. Switching to
 * `act` needs the step-up; back to `view` never does. Null when the session ended in between.
 */
export async function setImpersonationMode(
  db: Database,
  config: AppConfig,
  ctx: CircleContext,
  request: { mode: ImpersonationMode } & StepUpSecrets,
): Promise<ImpersonationSessionRow | null> {
  const impersonation = ctx.impersonation;
  if (!impersonation) return null;
  if (request.mode === "act" && impersonation.mode !== "act") await requireStepUp(db, config, ctx, request, "impersonation.mode_changed");
  return db.prisma.$transaction(async (tx) => {
    // The row lock orders parallel switches, so each event names the mode it really replaced.
    const [before] = await tx.$queryRaw<{ mode: ImpersonationMode }[]>`
      SELECT "mode"::text AS "mode" FROM "ImpersonationSession"
      WHERE "id" = ${impersonation.id} AND "endedAt" IS NULL AND "expiresAt" > now() FOR UPDATE`;
    if (!before) return null;
    const rows = await tx.$queryRaw<ImpersonationSessionRow[]>`
      UPDATE "ImpersonationSession" SET "mode" = ${request.mode}::"ImpersonationMode" WHERE "id" = ${impersonation.id}
      RETURNING ${sessionRowColumns}`;
    const row = toSessionRow(rows[0]!);
    if (before.mode !== row.mode) {
      await recordAudit(
        tx,
        { ...ctx, impersonation: row },
        {
          action: "impersonation.mode_changed",
          entityType: "user",
          entityId: row.targetUserId,
          payload: { from: before.mode, to: row.mode },
        },
      );
      await publishOpen(tx, ctx.sessionId!, row);
    }
    return row;
  });
}
