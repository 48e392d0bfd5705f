/**
 * Who outranks whom, and who may act as whom (DESIGN §5 step 5): one copy, used by the
 * server's decision and by the web app's chooser.
 */
import type { Role } from "../schemas/fields";
import type { ActAsConsent } from "../schemas/impersonation";

const RANK: Record<Role, number> = { admin: 3, manager: 2, member: 1 };

export function outranks(a: Role, b: Role): boolean {
  return RANK[a] > RANK[b];
}

export function isAdminOrManager(role: Role | null): boolean {
  return role === "admin" || role === "manager";
}

export interface CircleRole {
  userId: number;
  role: Role;
}

/**
 * An admin may act as managers and members, a manager as members; never as themselves
 * or an admin. The target must be an active member of the same circle: callers check that.
 */
export function mayImpersonate(actor: CircleRole, target: CircleRole | null): boolean {
  if (!target || target.userId === actor.userId || target.role === "admin") return false;
  return outranks(actor.role, target.role);
}

/**
 * The setting that applies: a child's account (no email) cannot choose, and always allows its
 * circle's admins and managers (decision 0023). The server's identity statement says the same in SQL.
 */
export function effectiveActAsConsent(user: { email: string | null; actAsConsent: ActAsConsent }): ActAsConsent {
  return user.email === null ? "anyone" : user.actAsConsent;
}

/**
 * Whose points history a reader may open (decision 0025): their own; anyone's in the circle
 * for admins and managers, but only the member's own while acting as a member. `readerId`
 * and `role` are the subject's (the member acted as, or the caller).
 */
export function mayViewPointsOf(reader: { readerId: number; role: Role | null; impersonating: boolean }, userId: number): boolean {
  return userId === reader.readerId || (!reader.impersonating && isAdminOrManager(reader.role));
}
