/**
 * Who decides completions that need approval (decision 0027): admins and managers, as
 * themselves (the endpoints are never declared `impersonation` nor open to tablets), and
 * never on their own completion.
 */
import { isAdminOrManager } from "@chorus/shared";
import type { ActingContext, CircleContext } from "../context";
import { ApiError, forbidden } from "../errors";
import { requireCircle } from "./circle";

export const approvalPolicy = {
  decide(ctx: ActingContext): CircleContext {
    const inCircle = requireCircle(ctx);
    if (!isAdminOrManager(inCircle.role)) throw forbidden("Only circle admins and managers can approve completions");
    return inCircle;
  },
  /** Someone else approves your own completion (a member promoted while it waited). */
  approveFor(ctx: CircleContext, approval: { userId: number }): void {
    if (approval.userId === ctx.actor.id) throw forbidden("Someone else approves your own completions");
  },
  /** Undoing an approval (decision 0007's window and "last thing" rules still apply): the approver, as themselves. */
  undo(ctx: CircleContext, approval: { decidedById: number | null }): void {
    if (approval.decidedById !== ctx.actor.id || ctx.impersonating || ctx.device) {
      throw new ApiError("undo_unavailable", "Only the person who approved this, as themselves, can undo it");
    }
  },
  /**
   * A member's completion of such a chore waits; one by an admin or manager through a sign-in,
   * also while acting as the member, does not. A shared tablet's always does: anyone at the
   * wall could tap a grown-up's tile.
   */
  completionWaits: (ctx: CircleContext, chore: { needsApproval: boolean }) =>
    chore.needsApproval && (ctx.device !== undefined || !isAdminOrManager(ctx.actorRole)),
};
