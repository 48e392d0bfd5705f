/**
 * Who may see and do what with chores (DESIGN §4, §5). Every decision uses the acting
 * context's `subject` and `role`, so an impersonating admin gets exactly the target's
 * view and permissions. A chore the subject may not see answers 404 — the same as a
 * chore in another circle — so private chores cannot be probed.
 */
import { contract, isAdminOrManager, type AssignmentMode, type ChoreAbilities } from "@chorus/shared";
import { admits } from "../acting/decide";
import type { ActingContext, CircleContext } from "../context";
import { ApiError, forbidden, notFound } from "../errors";
import { requireCircle } from "./circle";

/** The facts about a shared chore that completing, claiming and releasing depend on (decision 0035). */
export interface ChoreSharing extends ChoreAccess {
  assignmentMode: AssignmentMode;
  assignedToId: number | null;
  onlyAssigneeCompletes: boolean;
}

/** The facts about a chore that permissions depend on. */
export interface ChoreAccess {
  circleId: number;
  createdById: number;
  isPrivate: boolean;
  assignees: readonly { userId: number }[];
}

const isCreator = (ctx: CircleContext, chore: ChoreAccess) => chore.createdById === ctx.subject.id;
const isAssignee = (ctx: CircleContext, chore: ChoreAccess) => chore.assignees.some(({ userId }) => userId === ctx.subject.id);

/** Do, skip, start, pause: assignees, and admins and managers on any chore they can see. */
const mayAct = (ctx: CircleContext, chore: ChoreAccess) => isAdminOrManager(ctx.role) || isAssignee(ctx, chore);
const mayEdit = (ctx: CircleContext, chore: ChoreAccess) => isAdminOrManager(ctx.role) || isCreator(ctx, chore);
const mayRemove = (ctx: CircleContext, chore: ChoreAccess) => ctx.role === "admin" || isCreator(ctx, chore);

/** Why `complete` refuses, or null (see there). */
function completeRefusal(ctx: CircleContext, chore: ChoreSharing): "not_an_assignee" | "not_current_assignee" | null {
  if (chore.assignmentMode === "everyone") return isAssignee(ctx, chore) ? null : "not_an_assignee";
  if (!chore.onlyAssigneeCompletes) return null;
  const open = chore.assignmentMode === "anyone" && chore.assignedToId === null;
  if (open) return isAssignee(ctx, chore) ? null : "not_current_assignee";
  return chore.assignedToId === ctx.subject.id ? null : "not_current_assignee";
}

const notAnAssignee = () =>
  new ApiError("not_an_assignee", "Only the chore's assignees can do this; an admin or manager acts as one of them to do it for them");

function canSee(ctx: CircleContext, chore: ChoreAccess): boolean {
  return chore.circleId === ctx.circle.id && (!chore.isPrivate || isCreator(ctx, chore) || isAssignee(ctx, chore));
}

/** Throws 404 unless the chore exists and the subject may see it. */
function view<C extends ChoreAccess>(ctx: CircleContext, chore: C | null): C {
  if (!chore || !canSee(ctx, chore)) throw notFound("Chore");
  return chore;
}

function requireVisibleAnd(allowed: (ctx: CircleContext, chore: ChoreAccess) => boolean, message: string) {
  return <C extends ChoreAccess>(ctx: CircleContext, chore: C | null): C => {
    const visible = view(ctx, chore);
    if (!allowed(ctx, visible)) throw forbidden(message);
    return visible;
  };
}

export const chorePolicy = {
  /** Listing and creating chores: any active member of a circle. */
  inCircle: (ctx: ActingContext): CircleContext => requireCircle(ctx),
  view,
  /** The same rule as `view`, as a yes or no (the audit log hides what the reader may not see). */
  canSee,
  act: requireVisibleAnd(mayAct, "Only the chore's assignees, circle admins and managers can do that"),
  edit: requireVisibleAnd(mayEdit, "Only the chore's creator, circle admins and managers can edit it"),
  /**
   * Undoing a do or skip (after `act`): only its real actor, acting for the same member —
   * so an admin may undo what they just did while viewing as Alex, as long as they still
   * view as Alex, and nobody undoes someone else's completion.
   */
  undo(ctx: CircleContext, action: { updatedById: number; performedAsId: number }): void {
    if (action.updatedById !== ctx.actor.id || action.performedAsId !== ctx.subject.id) {
      throw new ApiError("undo_unavailable", "Only the person who did this, acting for the same member, can undo it");
    }
  },
  /**
   * Completing (after `act`), decision 0035. An everyone chore's part is the member's own, so
   * they must be an assignee. With `onlyAssigneeCompletes`, only the current assignee (rotation)
   * or the claimer (anyone; while unclaimed any assignee, whose doing claims it) completes, and
   * this binds admins and managers in their own name too: they complete *as* the assignee, so
   * the points and history go to the one whose turn it is.
   */
  complete(ctx: CircleContext, chore: ChoreSharing): void {
    const refusal = completeRefusal(ctx, chore);
    if (refusal === "not_an_assignee") throw notAnAssignee();
    if (refusal === "not_current_assignee") {
      throw new ApiError("not_current_assignee", "Only the chore's current assignee may complete it; act as them to do it for them", {
        assignedTo: chore.assignedToId,
      });
    }
  },
  /** Skipping a part of an everyone chore is the assignee's; the whole occurrence an admin's or manager's (decision 0035). */
  skip(ctx: CircleContext, chore: ChoreSharing, whole: boolean): void {
    if (chore.assignmentMode !== "everyone") return;
    if (whole && !isAdminOrManager(ctx.role)) throw forbidden("Only circle admins and managers can skip everyone's part at once");
    if (!whole && !isAssignee(ctx, chore)) throw notAnAssignee();
  },
  /** Claiming an anyone chore (after `act`): one of its assignees, for themselves (or acted for). */
  claim(ctx: CircleContext, chore: ChoreSharing): void {
    if (chore.assignmentMode !== "anyone") throw new ApiError("invalid_state", "Only an anyone chore can be claimed");
    if (!isAssignee(ctx, chore)) throw notAnAssignee();
  },
  /** Releasing a claim (after `act`): the claimer, or an admin or manager. */
  release(ctx: CircleContext, chore: ChoreSharing): void {
    if (chore.assignmentMode !== "anyone") throw new ApiError("invalid_state", "Only an anyone chore can be claimed and released");
    if (chore.assignedToId === null) throw new ApiError("not_claimed", "Nobody has claimed this chore");
    if (chore.assignedToId !== ctx.subject.id && !isAdminOrManager(ctx.role)) {
      throw forbidden("Only the member who claimed it, circle admins and managers can release a claim");
    }
  },
  remove: requireVisibleAnd(mayRemove, "Only the chore's creator and circle admins can delete it"),
  /** Making a chore mandatory, or changing its penalty, takes points from others: admins and managers (decision 0028). */
  setPenalty(ctx: CircleContext): void {
    if (!isAdminOrManager(ctx.role)) throw forbidden("Only circle admins and managers can make a chore mandatory");
  },

  /** What the caller may do with a chore they can see, presented with it: these rules and the endpoints' access. */
  abilities(ctx: CircleContext, chore: ChoreSharing, resolvedParts: readonly { userId: number }[] | null): ChoreAbilities {
    const canAct = admits(contract.chores.do.access, ctx) && mayAct(ctx, chore);
    const pool = canAct && chore.assignmentMode === "anyone";
    const partDone = resolvedParts?.some(({ userId }) => userId === ctx.subject.id) ?? false;
    return {
      canAct,
      canComplete: canAct && completeRefusal(ctx, chore) === null && !partDone,
      canEdit: admits(contract.chores.update.access, ctx) && mayEdit(ctx, chore),
      canDelete: admits(contract.chores.remove.access, ctx) && mayRemove(ctx, chore),
      canSkipWhole: canAct && chore.assignmentMode === "everyone" && isAdminOrManager(ctx.role),
      canClaim: pool && chore.assignedToId === null && isAssignee(ctx, chore),
      canRelease: pool && chore.assignedToId !== null && (chore.assignedToId === ctx.subject.id || isAdminOrManager(ctx.role)),
    };
  },

  /**
   * Whose chores a list shows: while impersonating or on a shared tablet, only the
   * subject's assigned chores, whatever the query asked (DESIGN §5); otherwise the
   * `assignedTo` filter, if any.
   */
  listAssignedTo(ctx: CircleContext, requested: "me" | number | undefined): number | undefined {
    if (ctx.impersonating || ctx.device || requested === "me") return ctx.subject.id;
    return requested;
  },
};
