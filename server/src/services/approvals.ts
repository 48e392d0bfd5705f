/**
 * The approval queue (docs/decisions/0027-completion-approval.md). Each decision locks the
 * chore first — the lock every chore action takes — and only then reads the approval, so of
 * parallel decisions on one completion exactly one finds it pending: it is credited once.
 */
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import type { ApprovalRow } from "../domain";
import { ApiError, notFound } from "../errors";
import { approvalPolicy } from "../policies/approvals";
import { publishChange } from "../realtime/changes";
import { recordAudit } from "./audit";
import { approveCompletion } from "./chores/actions";
import { lockChore, lockChoreWithCompletions, type Tx } from "./chores/records";

const approvalInclude = {
  chore: { select: { id: true, name: true, points: true } },
  photo: { select: { id: true, expiredAt: true } },
} as const;

export async function listPendingApprovals(db: Database, ctx: CircleContext): Promise<ApprovalRow[]> {
  return db.prisma.choreApproval.findMany({
    where: { circleId: ctx.circle.id, status: "pending" },
    include: approvalInclude,
    orderBy: { id: "asc" },
  });
}

/** The chore an approval is for, so its lock can be taken before the approval is read. */
async function choreOf(tx: Tx, ctx: CircleContext, id: number): Promise<number> {
  const found = await tx.choreApproval.findFirst({ where: { id, circleId: ctx.circle.id }, select: { choreId: true } });
  if (!found) throw notFound("Approval");
  return found.choreId;
}

/** Read after the chore's lock: what a decision that committed meanwhile left. */
async function pendingApproval(tx: Tx, ctx: CircleContext, id: number) {
  const approval = await tx.choreApproval.findFirstOrThrow({
    where: { id, circleId: ctx.circle.id },
    include: { photo: { select: { id: true } } },
  });
  if (approval.status !== "pending") {
    throw new ApiError("invalid_state", `This completion was already ${approval.status}`, { status: approval.status });
  }
  return approval;
}

async function approveOne(tx: Tx, ctx: CircleContext, id: number, now: Date): Promise<ApprovalRow> {
  const locked = await lockChoreWithCompletions(tx, ctx.circle.id, await choreOf(tx, ctx, id));
  const approval = await pendingApproval(tx, ctx, id);
  approvalPolicy.approveFor(ctx, approval);
  const { historyId } = await approveCompletion(tx, ctx, locked!, approval, approval.photo?.id ?? null, now);
  return tx.choreApproval.update({
    where: { id },
    data: { status: "approved", decidedById: ctx.actor.id, decidedAt: now, historyId },
    include: approvalInclude,
  });
}

/** Approves one completion: its occurrence is done and the member credited (the `members` hint refreshes balances). */
export async function approve(db: Database, ctx: CircleContext, id: number, now = new Date()): Promise<ApprovalRow> {
  return db.prisma.$transaction(async (tx) => {
    const approved = await approveOne(tx, ctx, id, now);
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return approved;
  });
}

/**
 * Approves every named completion in one transaction, or none: the first that cannot be
 * approved (decided by someone else meanwhile, its chore archived) fails the whole request,
 * naming it in `details.approvalId`, and the approver reloads the queue. Chores are locked in
 * id order, so two approve-alls never wait on each other in a circle.
 */
export async function approveAll(db: Database, ctx: CircleContext, ids: readonly number[], now = new Date()): Promise<ApprovalRow[]> {
  return db.prisma.$transaction(
    async (tx) => {
      const rows = await tx.choreApproval.findMany({ where: { id: { in: [...ids] }, circleId: ctx.circle.id } });
      const missing = ids.find((id) => !rows.some((row) => row.id === id));
      if (missing !== undefined) throw new ApiError("not_found", "Approval not found", { approvalId: missing });
      const approved: ApprovalRow[] = [];
      for (const row of rows.toSorted((a, b) => a.choreId - b.choreId || a.id - b.id)) {
        try {
          approved.push(await approveOne(tx, ctx, row.id, now));
        } catch (error) {
          if (error instanceof ApiError) throw new ApiError(error.code, error.message, { ...error.details, approvalId: row.id });
          throw error;
        }
      }
      await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
      return approved.toSorted((a, b) => a.id - b.id);
    },
    { timeout: 30_000 },
  );
}

/** Rejects a completion with a note: the occurrence is open again and the chore shows the note to the member. */
export async function reject(db: Database, ctx: CircleContext, id: number, note: string, now = new Date()): Promise<ApprovalRow> {
  return db.prisma.$transaction(async (tx) => {
    const chore = await lockChore(tx, ctx.circle.id, await choreOf(tx, ctx, id));
    const approval = await pendingApproval(tx, ctx, id);
    await tx.chore.update({
      where: { id: chore!.id },
      data: { pendingApprovalId: null, rejectionNote: note, rejectedById: ctx.actor.id, rejectedAt: now, version: { increment: 1 } },
    });
    const rejected = await tx.choreApproval.update({
      where: { id },
      data: { status: "rejected", decidedById: ctx.actor.id, decidedAt: now, decisionNote: note },
      include: approvalInclude,
    });
    await recordAudit(tx, ctx, {
      action: "chore.rejected",
      entityType: "chore",
      entityId: chore!.id,
      payload: {
        approvalId: id,
        member: approval.userId,
        doneBy: approval.actorUserId,
        dueDate: approval.dueDate?.toISOString() ?? null,
        note,
      },
    });
    await publishChange(tx, { type: "chores", circleIds: [ctx.circle.id] });
    return rejected;
  });
}
