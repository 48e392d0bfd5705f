/**
 * The append-only audit log. Writes call `recordAudit` inside their own transaction;
 * refused requests call it on its own, so the refusal is kept even though nothing else
 * was written.
 */
import type { ActingContext, RequestMeta } from "../context";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number;
  outcome?: "allowed" | "denied";
  payload?: Record<string, unknown>;
}

/** Records an event for a request made in `ctx` (actor, and subject when impersonating). */
export function recordAudit(db: Db, ctx: ActingContext, entry: AuditEntry, circleId = ctx.circle?.id ?? null) {
  const payload = {
    ...entry.payload,
    ...(ctx.impersonating ? { impersonatedUserId: ctx.subject.id } : {}),
    ...(ctx.actAs ? actAsAuditFields(ctx.actAs) : {}),
  };
  return recordRawAudit(db, ctx.request, {
    ...entry,
    circleId,
    actorUserId: ctx.actor.id,
    subjectUserId: ctx.impersonating ? ctx.subject.id : null,
    payload,
  });
}

/** Every event of an act-as session names it and carries its reason (docs/decisions/0012). */
export function actAsAuditFields(actAs: { id: number; reason: string | null }) {
  return { actAsSessionId: actAs.id, ...(actAs.reason ? { actAsReason: actAs.reason } : {}) };
}

/**
 * A request made while impersonating that the target's permissions refused (for example
 * completing a chore the target is not assigned to): a refused impersonation attempt too.
 */
export function recordImpersonatedRefusal(db: PrismaClient, ctx: ActingContext, route: string, error: { code: string }) {
  return recordAudit(db, ctx, {
    action: "impersonation.denied",
    entityType: "user",
    entityId: ctx.subject.id,
    outcome: "denied",
    payload: { reason: error.code, route },
  });
}

export function recordRawAudit(
  db: Db,
  request: RequestMeta,
  entry: AuditEntry & { circleId: number | null; actorUserId: number | null; subjectUserId: number | null },
) {
  return db.auditEvent.create({
    data: {
      circleId: entry.circleId,
      actorUserId: entry.actorUserId,
      subjectUserId: entry.subjectUserId,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId === undefined ? null : String(entry.entityId),
      outcome: entry.outcome ?? "allowed",
      payload: (entry.payload ?? {}) as Prisma.InputJsonValue,
      requestId: request.requestId,
      ip: request.ip,
      userAgent: request.userAgent,
    },
  });
}

export async function listAudit(db: PrismaClient, circleId: number, query: ReturnType<typeof normaliseAuditQuery>) {
  const events = await db.auditEvent.findMany({
    where: {
      circleId,
      ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
      ...(query.subjectUserId ? { subjectUserId: query.subjectUserId } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      ...(query.before ? { id: { lt: query.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = events.slice(0, query.limit);
  const nextCursor = events.length > query.limit ? String(page[page.length - 1]!.id) : null;
  return { events: page, nextCursor };
}

export function normaliseAuditQuery(query: {
  actorUserId?: number | undefined;
  subjectUserId?: number | undefined;
  action?: string | undefined;
  outcome?: "allowed" | "denied" | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}) {
  return { ...query, limit: query.limit ?? 50 };
}

