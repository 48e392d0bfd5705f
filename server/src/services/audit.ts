/**
 * The append-only audit log. Writes call `recordAudit` inside their own transaction;
 * refused requests call it on its own, so the refusal is kept even though nothing else
 * was written.
 */
import type { ActingContext, CircleContext, RequestMeta } from "../context";
import { Prisma, type AuditEvent, type PrismaClient } from "../generated/prisma/client";
import { chorePolicy } from "../policies/chores";

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number;
  outcome?: "allowed" | "denied";
  payload?: Record<string, unknown>;
}

/** The event of a request made in `ctx`: actor, subject when impersonating, tablet, impersonation session. */
function actingEntry(ctx: ActingContext, entry: AuditEntry, circleId: number | null): RawAuditEntry {
  const payload = {
    ...entry.payload,
    ...(ctx.impersonating ? { impersonatedUserId: ctx.subject.id } : {}),
    ...(ctx.device ? { deviceName: ctx.device.name } : {}),
    ...(ctx.impersonation ? impersonationAuditFields(ctx.impersonation) : {}),
  };
  return {
    ...entry,
    circleId,
    actorUserId: ctx.actor.id,
    subjectUserId: ctx.impersonating ? ctx.subject.id : null,
    viaDeviceId: ctx.device?.id ?? null,
    payload,
  };
}

/** Records an event for a request made in `ctx` (actor, and subject when impersonating). */
export function recordAudit(db: Db, ctx: ActingContext, entry: AuditEntry, circleId = ctx.circle?.id ?? null) {
  return recordRawAudit(db, ctx.request, actingEntry(ctx, entry, circleId));
}

/**
 * The same event as `recordAudit` writes, as an INSERT for a statement that does several
 * writes at once (chore actions, decision 0017): one row per row of `from` (a CTE that is
 * empty when the write it belongs to did not happen).
 */
export function auditInsertSql(ctx: CircleContext, entry: AuditEntry, from: Prisma.Sql): Prisma.Sql {
  const row = auditRow(ctx.request, actingEntry(ctx, entry, ctx.circle.id));
  return Prisma.sql`INSERT INTO "AuditEvent" ("circleId", "actorUserId", "subjectUserId", "viaDeviceId", "action", "entityType",
      "entityId", "outcome", "payload", "requestId", "ip", "userAgent", "createdAt")
    SELECT ${row.circleId}::int, ${row.actorUserId}::int, ${row.subjectUserId}::int, ${row.viaDeviceId}::int, ${row.action}::text,
      ${row.entityType}::text, ${row.entityId}::text, ${row.outcome}::"AuditOutcome", ${JSON.stringify(row.payload)}::jsonb,
      ${row.requestId}::text, ${row.ip}::text, ${row.userAgent}::text, ${new Date()}::timestamp(3)
    FROM ${from}`;
}

type RawAuditEntry = AuditEntry & {
  circleId: number | null;
  actorUserId: number | null;
  subjectUserId: number | null;
  viaDeviceId?: number | null;
};

function auditRow(request: RequestMeta, entry: RawAuditEntry) {
  return {
    circleId: entry.circleId,
    actorUserId: entry.actorUserId,
    subjectUserId: entry.subjectUserId,
    viaDeviceId: entry.viaDeviceId ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    outcome: entry.outcome ?? "allowed",
    payload: (entry.payload ?? {}) as Prisma.InputJsonValue,
    requestId: request.requestId,
    ip: request.ip,
    userAgent: request.userAgent,
  };
}

/** Every event of an impersonation session names it and carries its reason (docs/decisions/0012). */
export function impersonationAuditFields(impersonation: { id: number; reason: string | null }) {
  return { impersonationSessionId: impersonation.id, ...(impersonation.reason ? { impersonationReason: impersonation.reason } : {}) };
}

export function recordRawAudit(db: Db, request: RequestMeta, entry: RawAuditEntry) {
  return db.auditEvent.create({ data: auditRow(request, entry) });
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

/**
 * The chores (as audit `entityId`s) among `events` whose name and description the reader
 * may not see: private chores they cannot see (admins included, DESIGN §4), and deleted
 * chores unless their deletion recorded that they were public — a deleted chore is
 * visible to no one, and older deletions did not say.
 */
export async function choresHiddenFrom(db: PrismaClient, ctx: CircleContext, events: readonly AuditEvent[]): Promise<Set<string>> {
  const ids = [...new Set(events.filter((event) => event.entityType === "chore" && event.entityId).map((event) => event.entityId!))];
  if (ids.length === 0) return new Set();
  const chores = await db.chore.findMany({
    where: { circleId: ctx.circle.id, id: { in: ids.map(Number) } },
    select: { id: true, circleId: true, createdById: true, isPrivate: true, assignees: { select: { userId: true } } },
  });
  const existing = new Map(chores.map((chore) => [String(chore.id), chore]));
  const gone = ids.filter((id) => !existing.has(id));
  const deletedPublic = new Set(
    gone.length === 0
      ? []
      : (
          await db.auditEvent.findMany({
            where: { circleId: ctx.circle.id, action: "chore.deleted", entityType: "chore", entityId: { in: gone } },
            select: { entityId: true, payload: true },
          })
        )
          .filter((event) => (event.payload as { isPrivate?: unknown }).isPrivate === false)
          .map((event) => event.entityId!),
  );
  return new Set(
    ids.filter((id) => {
      const chore = existing.get(id);
      return chore ? !chorePolicy.canSee(ctx, chore) : !deletedPublic.has(id);
    }),
  );
}
