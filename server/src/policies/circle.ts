/**
 * Who may do what with a circle and its members. Decisions use the acting context's
 * `role` — the subject's role, so an impersonating admin gets the target's permissions.
 */
import type { ActingContext, CircleContext } from "../context";
import { ApiError } from "../errors";
import { isAdminOrManager, mayViewPointsOf } from "@chorus/shared";

/** The request must come from an active member of a circle. */
export function requireCircle(ctx: ActingContext): CircleContext {
  if (!ctx.circle || !ctx.role) {
    throw new ApiError("forbidden", "You are not an active member of a circle; create one or join one with an invite code");
  }
  return ctx as CircleContext;
}

function requireRole(ctx: ActingContext, allowed: (role: CircleContext["role"]) => boolean, what: string): CircleContext {
  const inCircle = requireCircle(ctx);
  if (!allowed(inCircle.role)) throw new ApiError("forbidden", `Only ${what} can do that`);
  return inCircle;
}

export const circlePolicy = {
  view: requireCircle,
  update: (ctx: ActingContext) => requireRole(ctx, (role) => role === "admin", "circle admins"),
  seesInviteCode: (ctx: Pick<ActingContext, "role">) => isAdminOrManager(ctx.role),
  seesPendingMembers: (ctx: Pick<ActingContext, "role">) => isAdminOrManager(ctx.role),
  /** Who may act as whom concerns those who may act (decision 0023). */
  seesActAsConsent: (ctx: Pick<ActingContext, "role">) => isAdminOrManager(ctx.role),
  acceptMember: (ctx: ActingContext) => requireRole(ctx, isAdminOrManager, "circle admins and managers"),
  addChild: (ctx: ActingContext) => requireRole(ctx, isAdminOrManager, "circle admins and managers"),
  manageMembers: (ctx: ActingContext) => requireRole(ctx, (role) => role === "admin", "circle admins"),
  /** The audit log is for admins; its endpoint is never declared `impersonation`, so never while acting as someone. */
  readAudit: (ctx: ActingContext) => requireRole(ctx, (role) => role === "admin", "circle admins"),
  /** A member's points history (decision 0025): the shared rule `mayViewPointsOf`. */
  viewPoints: (ctx: ActingContext, userId: number) => {
    const inCircle = requireCircle(ctx);
    const reader = { readerId: inCircle.subject.id, role: inCircle.role, impersonating: inCircle.impersonating };
    if (!mayViewPointsOf(reader, userId)) {
      throw new ApiError("forbidden", "Only circle admins and managers can see another member's points history");
    }
    return inCircle;
  },
  adjustPoints: (ctx: ActingContext) => requireRole(ctx, (role) => role === "admin", "circle admins"),
  /** Waiving a penalty is an admin's own act; its endpoint is not declared `impersonation` (decision 0028). */
  waivePenalty: (ctx: ActingContext) => requireRole(ctx, (role) => role === "admin", "circle admins"),
  /** A circle's export holds its audit log: admins only, and its endpoints are never declared `impersonation` (decision 0042). */
  exportCircle: (ctx: ActingContext) => requireRole(ctx, (role) => role === "admin", "circle admins"),
  importCircle: (ctx: ActingContext) => requireRole(ctx, (role) => role === "admin", "circle admins"),
  /** Creating a circle is for people who are not active in one. */
  createCircle: (ctx: ActingContext) => {
    if (ctx.circle) throw new ApiError("conflict", "You are already in a circle; a user is in one circle at a time");
  },
};
