/**
 * Managing shared tablets. Which endpoints a tablet's token may call is declared with each
 * endpoint (`tablet`, `tabletMember` in shared/src/contract) and decided in acting/.
 */
import type { ActingContext, CircleContext } from "../context";
import { ApiError } from "../errors";
import { requireCircle } from "./circle";

export const devicePolicy = {
  /**
   * Creating, listing and revoking tablets: circle admins (signed in as themselves: the
   * endpoints refuse API tokens, whose leak must not mint credentials outliving them).
   */
  manage(ctx: ActingContext): CircleContext {
    const inCircle = requireCircle(ctx);
    if (inCircle.role !== "admin") throw new ApiError("forbidden", "Only circle admins can manage shared tablets");
    return inCircle;
  },
};
