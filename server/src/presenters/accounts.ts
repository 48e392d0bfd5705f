import {
  effectiveActAsConsent,
  type ApiToken,
  type AuditEvent,
  type Circle,
  type Device,
  type JoinRequest,
  type Member,
  type User,
} from "@chorus/shared";
import type { ActingContext, CircleRef, Person } from "../context";
import type {
  AuditEvent as AuditEventRow,
  ApiToken as ApiTokenRow,
  Circle as CircleRow,
  Device as DeviceRow,
  Membership,
  User as UserRow,
} from "../generated/prisma/client";
import { circlePolicy } from "../policies/circle";
import { extensionsLeft } from "./impersonation";

/**
 * The request's subject as the API shows users (with who is acting for them, and the
 * impersonation session's end, mode and extensions left out of `maxExtensions`).
 */
export function presentUser(
  ctx: Pick<ActingContext, "subject" | "actor" | "circle" | "role" | "impersonating" | "impersonation">,
  maxExtensions: number,
): User {
  return {
    ...presentPerson(ctx.subject, ctx.circle?.id ?? null, ctx.role, ctx.impersonating ? ctx.actor.id : null),
    impersonationExpiresAt: ctx.impersonation?.expiresAt.toISOString() ?? null,
    impersonationMode: ctx.impersonation?.mode ?? null,
    impersonationExtensionsLeft: ctx.impersonation ? extensionsLeft(ctx.impersonation, maxExtensions) : null,
  };
}

/** A new sign-in: its token and the user as they are now (nobody impersonates at sign-in). */
export function presentSignIn({
  token,
  signedIn,
}: {
  token: string;
  signedIn: { person: Person; circleId: number | null; role: User["role"] };
}) {
  return { token, user: presentPerson(signedIn.person, signedIn.circleId, signedIn.role, null) };
}

function presentPerson(person: Person, circleId: number | null, role: User["role"], impersonatorUserId: number | null): User {
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
    impersonationMode: null,
    impersonationExtensionsLeft: null,
  };
}

export function presentCircle(circle: CircleRef, showInviteCode: boolean): Circle {
  return {
    id: circle.id,
    name: circle.name,
    timezone: circle.timezone,
    locale: circle.locale,
    impersonationEnabled: circle.impersonationEnabled,
    impersonationNoticeForChildren: circle.impersonationNoticeForChildren,
    mfaRequiredForAdmins: circle.mfaRequiredForAdmins,
    ...(showInviteCode ? { inviteCode: circle.inviteCode } : {}),
    createdAt: circle.createdAt.toISOString(),
  };
}

export function presentCircleFor(ctx: ActingContext, circle: CircleRef): Circle {
  return presentCircle(circle, circlePolicy.seesInviteCode(ctx));
}

/** `showsActAsConsent`: whether the viewer may see the member's act-as setting (admins and managers, decision 0023). */
export function presentMember(membership: Membership & { user: UserRow }, showsActAsConsent = true): Member {
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
    // A lock that has run out is no lock: the next attempt starts a new run.
    pinLockedUntil:
      membership.user.pinLockedUntil && membership.user.pinLockedUntil > new Date() ? membership.user.pinLockedUntil.toISOString() : null,
    actAsConsent: showsActAsConsent ? effectiveActAsConsent(membership.user) : null,
    awaitingClaim: membership.user.awaitingClaim && membership.user.passwordHash === null,
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

/**
 * What an event about a chore the reader may not see keeps of its payload: facts that are
 * not text anyone typed (dates, numbers, ids, enums, flags). An allow-list, so a text
 * field added to an event later is hidden by default: names, descriptions, labels, notes,
 * impersonation reasons and tablet names are all dropped.
 */
const HIDDEN_CHORE_KEPT_FIELDS = new Set([
  "dueDate",
  "nextDueDate",
  "points",
  "timerSeconds",
  "assignedTo",
  "undoneAction",
  "historyId",
  "performedAs",
  "isPrivate",
  "impersonatedUserId",
  "impersonationSessionId",
]);
/** The same for the `changes` of `chore.updated`: every field of an edit but the chore's text. */
const HIDDEN_CHORE_KEPT_CHANGES = new Set([
  "frequency",
  "scheduleMode",
  "nextDueDate",
  "assignees",
  "assignedTo",
  "assignmentStrategy",
  "points",
  "priority",
  "isPrivate",
  "archived",
]);

const keepOnly = (fields: object, kept: ReadonlySet<string>) => Object.fromEntries(Object.entries(fields).filter(([key]) => kept.has(key)));

/**
 * An event about a chore the reader may not see keeps what happened, by whom and when,
 * but no text from it: only the allow-listed fields stay (in `changes` too) and
 * `redacted: "private_chore"` says so.
 */
function redactChoreText(payload: Record<string, unknown>): Record<string, unknown> {
  const kept = keepOnly(payload, HIDDEN_CHORE_KEPT_FIELDS);
  const changes = payload.changes;
  if (changes !== null && typeof changes === "object" && !Array.isArray(changes))
    kept.changes = keepOnly(changes, HIDDEN_CHORE_KEPT_CHANGES);
  return { ...kept, redacted: "private_chore" };
}

/** `hiddenChores`: chore ids (as entity ids) whose text the reader may not see. */
export function presentAuditEvent(event: AuditEventRow, hiddenChores: ReadonlySet<string>): AuditEvent {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const hidden = event.entityType === "chore" && event.entityId !== null && hiddenChores.has(event.entityId);
  return {
    id: event.id,
    circleId: event.circleId,
    actorUserId: event.actorUserId,
    subjectUserId: event.subjectUserId,
    viaDeviceId: event.viaDeviceId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    outcome: event.outcome,
    payload: hidden ? redactChoreText(payload) : payload,
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    createdAt: event.createdAt.toISOString(),
  };
}

export function presentDevice(device: DeviceRow): Device {
  return {
    id: device.id,
    name: device.name,
    createdBy: device.createdById,
    createdAt: device.createdAt.toISOString(),
    lastUsedAt: device.lastUsedAt?.toISOString() ?? null,
  };
}
