/**
 * The points ledger (docs/decisions/0025-points-ledger.md): a member's balance and the
 * append-only rows it is the sum of, and an admin's adjustment.
 */
import { z } from "zod";
import { MAX_POINTS_ADJUSTMENT } from "./limits";
import { formMessages } from "./messages";
import { isoDateTimeSchema, pageCursorQuery, pageLimitQuery } from "./fields";

export { MAX_POINTS_ADJUSTMENT } from "./limits";

export const pointsKindSchema = z.enum(["opening", "earned", "undone", "adjusted", "redeemed", "refunded", "penalty", "bonus", "waived"]);
export type PointsKind = z.infer<typeof pointsKindSchema>;

export const pointsEntrySchema = z.object({
  id: z.number(),
  kind: pointsKindSchema,
  /** Signed: credits positive, debits negative. */
  amount: z.number(),
  /** The member's balance just after this row. */
  balance: z.number(),
  /** The real person behind it ("Sam" in "Sam for Alex"); null only for the opening balance. */
  actor: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  /** The shared tablet it came through ("via Kitchen tablet"), or null. */
  viaDevice: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** The chore it was for (earned, undone); `name` is null when the chore is gone or private to others. */
  chore: z.object({ id: z.number(), name: z.string().nullable() }).nullable(),
  /** The reward request it holds or gives back (redeemed, refunded). */
  reward: z.object({ requestId: z.number(), name: z.string() }).nullable(),
  /**
   * The missed occurrence of a mandatory chore (penalty, and its reversal `waived`):
   * `points` is the chore's penalty then (the row takes at most the balance), `waived`
   * whether an admin gave it back (decision 0028).
   */
  penalty: z.object({ id: z.number(), dueDate: isoDateTimeSchema, points: z.number(), waived: z.boolean() }).nullable(),
  /** Why, for adjustments and the opening balance (and a refund's note, a waiver's reason). */
  reason: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});
export type PointsEntry = z.infer<typeof pointsEntrySchema>;

export const pointsQuerySchema = z.strictObject({
  before: pageCursorQuery,
  limit: pageLimitQuery(100),
});
export type PointsQuery = z.input<typeof pointsQuerySchema>;

/** A member's ledger, newest first, a page at a time, with their balance now. */
export const pointsPageSchema = z.object({
  member: z.object({ userId: z.number(), displayName: z.string(), points: z.number() }),
  entries: z.array(pointsEntrySchema),
  nextCursor: z.string().nullable(),
});
export type PointsPage = z.infer<typeof pointsPageSchema>;

export const pointsAmountSchema = z
  .int(formMessages.amountWhole)
  .min(-MAX_POINTS_ADJUSTMENT, formMessages.amountRange)
  .max(MAX_POINTS_ADJUSTMENT, formMessages.amountRange)
  .refine((amount) => amount !== 0, formMessages.amountZero);

export const pointsReasonSchema = z.string().trim().min(1, formMessages.pointsReasonRequired).max(200, formMessages.impersonationReasonMax);

export const adjustPointsRequestSchema = z.strictObject({ amount: pointsAmountSchema, reason: pointsReasonSchema });
export type AdjustPointsRequest = z.infer<typeof adjustPointsRequestSchema>;

/** The row the adjustment appended and the balance after it. */
export const adjustPointsResponseSchema = z.object({ entry: pointsEntrySchema, points: z.number() });
export type AdjustPointsResponse = z.infer<typeof adjustPointsResponseSchema>;

/** Waiving a penalty (decision 0028); the reason is optional, the penalty says what it was for. */
export const waivePenaltyRequestSchema = z.strictObject({ reason: pointsReasonSchema.optional() });
export type WaivePenaltyRequest = z.infer<typeof waivePenaltyRequestSchema>;
