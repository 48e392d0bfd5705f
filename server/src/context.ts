/**
 * The acting context: resolved once per request by middleware/actingContext.ts, then the
 * only thing handlers, services and policies look at to know who is asking and for whom.
 * `actor` is the real, authenticated person; `subject` is who the request counts for
 * (the impersonated member, or the actor). `role` is the subject's role.
 */
import type { ImpersonationMode, Role } from "@chorus/shared";

export interface Person {
  id: number;
  username: string;
  /** Null for a child's account. */
  email: string | null;
  phone: string | null;
  displayName: string;
  timezone: string;
}

export interface CircleRef {
  id: number;
  name: string;
  timezone: string;
  locale: string;
  impersonationEnabled: boolean;
  impersonationNoticeForChildren: boolean;
  mfaRequiredForAdmins: boolean;
  inviteCode: string;
  createdAt: Date;
}

export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ActingContext {
  actor: Person;
  subject: Person;
  /** The actor's active circle (the subject is always in the same one). */
  circle: CircleRef | null;
  /** The subject's role in `circle`. */
  role: Role | null;
  /** The actor's own role, for records; policies decide on `role`. */
  actorRole: Role | null;
  viaToken: boolean;
  /** The session behind a user JWT; null for API tokens. */
  sessionId: string | null;
  apiTokenId: number | null;
  impersonating: boolean;
  /** The impersonation session an impersonated request belongs to; null otherwise. */
  impersonation: ImpersonationSessionRef | null;
  request: RequestMeta;
  /**
   * Set when the request came from a shared tablet (middleware/deviceContext.ts): actor
   * and subject are then the member picked on screen, and `role` is capped at member.
   */
  device?: DeviceRef;
}

export interface DeviceRef {
  id: number;
  name: string;
}

/** The open impersonation session of this sign-in and target (docs/decisions/0012). */
export interface ImpersonationSessionRef {
  id: number;
  reason: string | null;
  /** `view` refuses the endpoints declared `impersonation: "act"` (decision 0020). */
  mode: ImpersonationMode;
  expiresAt: Date;
  /** Times it was extended (decision 0024). */
  extensionCount: number;
}

/** An acting context that is known to be inside a circle. */
export type CircleContext = ActingContext & { circle: CircleRef; role: Role };

/**
 * A context in which `person` acts as themselves (no impersonation yet): how every
 * request's context starts, whatever credential it came with.
 */
export function selfActingContext<
  F extends Pick<ActingContext, "circle" | "role" | "actorRole" | "viaToken" | "sessionId" | "apiTokenId" | "request" | "device">,
>(person: Person, fields: F): ActingContext & F {
  return { actor: person, subject: person, impersonating: false, impersonation: null, ...fields };
}
