/**
 * Who may see a completion's photo (decision 0030): the circle's admins and managers, and the
 * member it is for. Decided on the subject, so an admin acting as Alex sees Alex's photos only.
 */
import { isAdminOrManager } from "@chorus/shared";
import type { CircleContext } from "../context";
import { forbidden } from "../errors";

const mayView = (ctx: CircleContext, photo: { forUserId: number }) => isAdminOrManager(ctx.role) || photo.forUserId === ctx.subject.id;

export const photoPolicy = {
  mayView,
  view(ctx: CircleContext, photo: { forUserId: number }) {
    if (!mayView(ctx, photo)) throw forbidden("Only the circle's admins and managers and the member it is for can see this photo");
  },
};
