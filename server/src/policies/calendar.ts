/** Whose calendar a caller may read (decision 0036). */
import type { CalendarMember } from "@chorus/shared";
import type { CircleContext } from "../context";
import { forbidden } from "../errors";

export const calendarPolicy = {
  /**
   * The member whose calendar is shown, null for everyone: while viewing as a member only
   * theirs (as their task list shows only their chores), otherwise `me`, a member, or everyone.
   */
  member(ctx: CircleContext, requested: CalendarMember): number | null {
    if (ctx.impersonating && requested !== "me" && requested !== ctx.subject.id)
      throw forbidden("While viewing as a member, only their calendar can be shown");
    if (requested === "me") return ctx.subject.id;
    return requested === "everyone" ? null : requested;
  },
};
