/**
 * Completions waiting for approval, and their decisions (docs/decisions/0027-completion-approval.md).
 */
import { z } from "zod";
import { formMessages } from "./messages";
import { MAX_ID, isoDateTimeSchema } from "./fields";
import { historyPhotoSchema } from "./photos";

export const approvalStatusSchema = z.enum(["pending", "approved", "rejected"]);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

/** One item of the queue: a member's completion of a chore that needs approval. */
export const approvalSchema = z.object({
  id: z.number(),
  chore: z.object({ id: z.number(), name: z.string(), points: z.number() }),
  /** The member it counts for. */
  userId: z.number(),
  /** Who did it: the member, or the member picked on a tablet. */
  actorUserId: z.number(),
  /** The shared tablet it came through, or null. */
  viaDeviceId: z.number().nullable(),
  /** The occurrence it completes. */
  dueDate: isoDateTimeSchema.nullable(),
  note: z.string().nullable(),
  completedAt: isoDateTimeSchema,
  status: approvalStatusSchema,
  decidedBy: z.number().nullable(),
  decidedAt: isoDateTimeSchema.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  /** The photo sent with the completion, if its chore needs one (decision 0030). */
  photo: historyPhotoSchema.nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;

export const approvalListSchema = z.object({ approvals: z.array(approvalSchema) });
export type ApprovalList = z.infer<typeof approvalListSchema>;

export const approveRequestSchema = z.strictObject({});

/** Rejecting says why, so the member knows what to do again. */
export const rejectApprovalRequestSchema = z.strictObject({
  note: z.string().trim().min(1, formMessages.rejectionNoteRequired).max(200, formMessages.noteMax),
});
export type RejectApprovalRequest = z.infer<typeof rejectApprovalRequestSchema>;

/** Approve-all names the items the approver saw, so a completion that arrived since is not approved unseen. */
export const approveAllRequestSchema = z.strictObject({
  ids: z
    .array(z.int().positive().max(MAX_ID, formMessages.idRange))
    .min(1, formMessages.itemsEmpty)
    .max(100, formMessages.itemsMax)
    .refine((ids) => new Set(ids).size === ids.length, formMessages.itemsRepeated),
});
export type ApproveAllRequest = z.infer<typeof approveAllRequestSchema>;

/**
 * What a chore presents about approval of its current occurrence: waiting (`pending`), or
 * rejected with the note, until it is done again or resolved otherwise.
 */
export const choreApprovalStateSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("pending"), approvalId: z.number() }),
  z.object({ status: z.literal("rejected"), note: z.string(), rejectedBy: z.number(), rejectedAt: isoDateTimeSchema }),
]);
export type ChoreApprovalState = z.infer<typeof choreApprovalStateSchema>;
