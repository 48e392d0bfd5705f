/** Who may manage a user's own credentials. */
import type { ActingContext } from "../context";
import { ApiError } from "../errors";

export const accountPolicy = {
  /** A leaked API token must not be able to outlive its revocation through a child token. */
  createApiToken(ctx: ActingContext): void {
    if (ctx.viaToken) throw new ApiError("forbidden", "API tokens cannot create API tokens; sign in as a user");
  },
  /** The same for calendar links: a secret made with a token would outlive the token. */
  manageCalendarFeed(ctx: ActingContext): void {
    if (ctx.viaToken) throw new ApiError("forbidden", "API tokens cannot manage calendar links; sign in as a user");
  },
};
