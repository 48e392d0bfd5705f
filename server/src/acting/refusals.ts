/**
 * The one writer of refusals: every refused impersonation attempt and every refused tablet use is
 * kept in the audit log, written here and nowhere else. Refused impersonation attempts coalesce:
 * one row per actor and reason a minute (decision 0006), while each attempt still gets its 403.
 */
import { contract, endpointKey, type Endpoint } from "@chorus/shared";
import type { ActingContext, RequestMeta } from "../context";
import type { Logger } from "../logger";
import type { AuditEntry } from "../services/audit";
import { recordAudit, recordRawAudit } from "../services/audit";
import type { PrismaClient } from "../generated/prisma/client";
import { auditReasonOf, type ApiError } from "../errors";
import type { ImpersonationSelector } from "./headers";

/** How long one recorded refusal stands for every later one with the same actor and reason. */
export const DENIAL_COALESCE_MS = 60_000;
/** First key of the advisory lock that serialises one actor's refusals (second key: the actor). */
const DENIAL_LOCK_CLASS = 0x63686f72; // "chor"

type DenialEntry = Omit<AuditEntry, "action" | "outcome"> & {
  circleId: number | null;
  actorUserId: number;
  subjectUserId: number | null;
  payload: { reason: string };
};

/**
 * Records a refused impersonation attempt — unless the same actor was refused for the same
 * reason within the last minute: a script hammering the API would otherwise write rows
 * without bound. One actor's refusals take a transaction-scoped advisory lock, so the
 * check-then-insert holds across server processes. Returns whether a row was written.
 */
async function recordImpersonationDenial(db: PrismaClient, request: RequestMeta, entry: DenialEntry): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${DENIAL_LOCK_CLASS}::int4, ${entry.actorUserId}::int4)`;
    const recent = await tx.auditEvent.findFirst({
      where: {
        actorUserId: entry.actorUserId,
        action: "impersonation.denied",
        createdAt: { gt: new Date(Date.now() - DENIAL_COALESCE_MS) },
        payload: { path: ["reason"], equals: entry.payload.reason },
      },
      select: { id: true },
    });
    if (recent) return false;
    await recordRawAudit(tx, request, { ...entry, action: "impersonation.denied", outcome: "denied" });
    return true;
  });
}

/** A user's request refused by the decision (a selector it may not send, or a target it may not act as). */
export async function recordImpersonationRefusal(
  db: PrismaClient,
  logger: Logger,
  ctx: Pick<ActingContext, "actor" | "circle" | "request">,
  refusal: { error: ApiError; endpointKey: string; selector: ImpersonationSelector | null; subjectUserId: number | null },
): Promise<void> {
  const { error, endpointKey, selector, subjectUserId } = refusal;
  const recorded = await recordImpersonationDenial(db, ctx.request, {
    circleId: ctx.circle?.id ?? null,
    actorUserId: ctx.actor.id,
    subjectUserId,
    entityType: "user",
    ...(subjectUserId ? { entityId: subjectUserId } : {}),
    payload: {
      reason: auditReasonOf(error),
      route: endpointKey,
      ...(selector ? { selector: selector.by, requested: selector.value } : {}),
      ...(subjectUserId ? { impersonatedUserId: subjectUserId } : {}),
    },
  });
  // Like the audit row, the warning is not repeated for every attempt of a burst.
  logger[recorded ? "warn" : "debug"](
    { requestId: ctx.request.requestId, actorUserId: ctx.actor.id, reason: auditReasonOf(error) },
    "impersonation refused",
  );
}

/** A shared tablet's request refused by the decision: wrong endpoint, a selector, or a member it may not pick. */
export async function recordTabletRefusal(
  db: PrismaClient,
  request: RequestMeta,
  tablet: { circleId: number; device: { id: number; name: string }; memberUserId: number | null; requestedMemberId: number | null },
  refusal: { error: ApiError; endpointKey: string },
): Promise<void> {
  await recordRawAudit(db, request, {
    circleId: tablet.circleId,
    actorUserId: tablet.memberUserId,
    subjectUserId: null,
    viaDeviceId: tablet.device.id,
    action: "device.denied",
    entityType: "device",
    entityId: tablet.device.id,
    outcome: "denied",
    payload: {
      reason: refusal.error.code,
      route: refusal.endpointKey,
      deviceName: tablet.device.name,
      ...(tablet.requestedMemberId ? { memberUserId: tablet.requestedMemberId } : {}),
    },
  });
}

/**
 * A 403 from the handler itself while acting as a member (say, completing a chore the
 * member is not assigned to) or from a tablet: refused like the decision's own refusals.
 */
export async function recordHandlerRefusal(db: PrismaClient, ctx: ActingContext, endpointKey: string, error: ApiError): Promise<void> {
  if (ctx.impersonating) {
    await recordImpersonationDenial(db, ctx.request, {
      circleId: ctx.circle?.id ?? null,
      actorUserId: ctx.actor.id,
      subjectUserId: ctx.subject.id,
      entityType: "user",
      entityId: ctx.subject.id,
      payload: { reason: error.code, route: endpointKey, impersonatedUserId: ctx.subject.id },
    });
  }
  if (ctx.device) {
    await recordAudit(db, ctx, {
      action: "device.denied",
      entityType: "device",
      entityId: ctx.device.id,
      outcome: "denied",
      payload: { reason: error.code, route: endpointKey },
    });
  }
}

/**
 * A refused POST /impersonation (or /impersonation/requests), kept like every refused impersonation attempt (the subject is
 * named only when the target is a member of the circle, as for the header).
 */
export function recordRefusedStart(
  db: PrismaClient,
  ctx: ActingContext,
  requested: number,
  target: number | null,
  error: ApiError,
  route: Endpoint = contract.impersonation.start,
) {
  return recordRawAudit(db, ctx.request, {
    circleId: ctx.circle?.id ?? null,
    actorUserId: ctx.actor.id,
    subjectUserId: target,
    action: "impersonation.denied",
    entityType: "user",
    ...(target ? { entityId: target } : {}),
    outcome: "denied",
    payload: {
      reason: auditReasonOf(error),
      route: endpointKey(route),
      selector: "id",
      requested,
      ...(target ? { impersonatedUserId: target } : {}),
    },
  });
}
