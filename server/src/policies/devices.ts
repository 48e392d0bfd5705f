/**
 * Shared tablets (device tokens). Deny by default: a device token may call only the
 * routes listed here, always for a member picked on screen, plus the routes declared
 * with `auth: "device"` (the tablet's own page). Every other route refuses it.
 */
import type { ActingContext, CircleContext } from "../context";
import { ApiError } from "../errors";
import { requireCircle } from "./circle";

/** "METHOD /path" in the router's spelling: list the picked member's chores, do or skip one. */
export const DEVICE_MEMBER_ROUTES: ReadonlySet<string> = new Set(["GET /chores", "POST /chores/:id/do", "POST /chores/:id/skip"]);

export function routeAllowsDevice(routeKey: string): boolean {
  return DEVICE_MEMBER_ROUTES.has(routeKey);
}

export function deviceNotAllowed(routeKey: string): ApiError {
  return new ApiError("device_not_allowed", `${routeKey} cannot be used with a shared tablet's token`);
}

/** One body for every member a tablet may not act for: unknown, pending, other circle, removed. */
export function deviceMemberNotAllowed(): ApiError {
  return new ApiError("device_member_not_allowed", "That member cannot be picked on this tablet");
}

export const devicePolicy = {
  /**
   * Creating, listing and revoking tablets: circle admins, signed in as themselves. A
   * leaked API token must not mint credentials that outlive its revocation.
   */
  manage(ctx: ActingContext): CircleContext {
    const inCircle = requireCircle(ctx);
    if (inCircle.role !== "admin") throw new ApiError("forbidden", "Only circle admins can manage shared tablets");
    if (ctx.viaToken) throw new ApiError("forbidden", "API tokens cannot manage shared tablets; sign in as a user");
    return inCircle;
  },
};
