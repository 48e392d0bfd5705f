import type { ApiToken, AuditEvent, Circle, JoinRequest, Member, User } from "@chorus/shared";
import type { ActingContext, CircleRef, Person } from "../context";
import type {
  AuditEvent as AuditEventRow,
  ApiToken as ApiTokenRow,
  Circle as CircleRow,
  Membership,
  User as UserRow,
} from "../generated/prisma/client";
import { circlePolicy } from "../policies/circle";

/** The request's subject as the API shows users (with who is acting for them). */
export function presentUser(ctx: Pick<ActingContext, "subject" | "actor" | "circle" | "role" | "impersonating" | "actAs">): User {
  return {
    ...presentPerson(ctx.subject, ctx.circle?.id ?? null, ctx.role, ctx.impersonating ? ctx.actor.id : null),
    impersonationExpiresAt: ctx.actAs?.expiresAt.toISOString() ?? null,
  };
}

export function presentPerson(person: Person, circleId: number | null, role: User["role"], impersonatorUserId: number | null): User {
  return {
    id: person.id,
    username: person.username,
    email: person.email,
    phone: person.phone,
    displayName: person.displayName,
    timezone: person.timezone,
    circleId,
    role,
    impersonatorUserId,
    impersonationExpiresAt: null,
  };
}

export function presentCircle(circle: CircleRef, showInviteCode: boolean): Circle {
  return {
    id: circle.id,
    name: circle.name,
    timezone: circle.timezone,
    impersonationEnabled: circle.impersonationEnabled,
    ...(showInviteCode ? { inviteCode: circle.inviteCode } : {}),
    createdAt: circle.createdAt.toISOString(),
  };
}

export function presentCircleFor(ctx: ActingContext, circle: CircleRef): Circle {
  return presentCircle(circle, circlePolicy.seesInviteCode(ctx));
}

export function presentMember(membership: Membership & { user: UserRow }): Member {
  return {
    userId: membership.userId,
    username: membership.user.username,
    displayName: membership.user.displayName,
    email: membership.user.email,
    phone: membership.user.phone,
    role: membership.role,
    status: membership.status,
    impersonator: membership.impersonator,
    points: membership.points,
  };
}

/** A pending membership as its requester sees it: which circle, since when. */
export function presentJoinRequest(membership: Membership & { circle: CircleRow }): JoinRequest {
  return {
    circleId: membership.circleId,
    circleName: membership.circle.name,
    requestedAt: membership.createdAt.toISOString(),
  };
}

export function presentApiToken(token: ApiTokenRow): ApiToken {
  return {
    id: token.id,
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

export function presentAuditEvent(event: AuditEventRow): AuditEvent {
  return {
    id: event.id,
    circleId: event.circleId,
    actorUserId: event.actorUserId,
    subjectUserId: event.subjectUserId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    outcome: event.outcome,
    payload: (event.payload ?? {}) as Record<string, unknown>,
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    createdAt: event.createdAt.toISOString(),
  };
}
