/** Who may manage reminders: they are personal, so only ever your own. */
import type { ActingContext } from "../context";
import { ApiError } from "../errors";

export const reminderPolicy = {
  /**
   * The member whose reminder settings and browser subscriptions a request may touch:
   * the signed-in person. The route table already refuses the impersonation header on
   * these routes; this keeps that true even if one were ever added to the allow-list.
   */
  ownerOf(ctx: ActingContext): number {
    if (ctx.impersonating) throw new ApiError("impersonation_not_supported", "Reminder settings are personal and cannot be used while impersonating");
    return ctx.actor.id;
  },
};
