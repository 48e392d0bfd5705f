/**
 * Who may do what with rewards (decision 0026). Admins and managers offer them and decide
 * requests, as themselves (those endpoints are never declared `impersonation`); any member
 * asks for one offered to them.
 */
import { isAdminOrManager } from "@chorus/shared";
import type { ActingContext, CircleContext } from "../context";
import { ApiError } from "../errors";
import { requireCircle } from "./circle";

function requireManager(ctx: ActingContext): CircleContext {
  const inCircle = requireCircle(ctx);
  if (!isAdminOrManager(inCircle.role)) throw new ApiError("forbidden", "Only circle admins and managers can do that");
  return inCircle;
}

export const rewardPolicy = {
  manage: requireManager,
  decide: requireManager,
  request: requireCircle,
  view: requireCircle,
  /** Every reward and request of the circle, not only the subject's own: admins and managers as themselves. */
  seesEverything: (ctx: CircleContext) => isAdminOrManager(ctx.role) && !ctx.impersonating,
};
