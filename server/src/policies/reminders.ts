/** Who may manage reminders: they are personal, so only ever your own. */
import type { ActingContext } from "../context";

export const reminderPolicy = {
  /**
   * The member whose reminder settings and browser subscriptions a request may touch: the
   * signed-in person (the reminder endpoints are never declared `impersonation`).
   */
  ownerOf: (ctx: ActingContext): number => ctx.actor.id,
};
