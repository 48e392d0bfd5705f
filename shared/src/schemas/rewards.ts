/**
 * Rewards members spend points on, and their requests (docs/decisions/0026-rewards.md).
 */
import { z } from "zod";
import { formMessages } from "./messages";
import { isoDateTimeSchema, pageCursorQuery, pageLimitQuery, userIdSchema } from "./fields";

export const rewardNameSchema = z.string().trim().min(1, formMessages.nameBlank).max(64, formMessages.rewardNameMax);
export const rewardCostSchema = z.int(formMessages.costWhole).min(1, formMessages.costRange).max(100_000, formMessages.costRange);
export const rewardStockSchema = z.int(formMessages.stockWhole).min(0, formMessages.stockRange).max(100_000, formMessages.stockRange);

export const rewardSchema = z.object({
  id: z.number(),
  name: z.string(),
  cost: z.number(),
  /** How many are left; null: no limit. */
  stock: z.number().nullable(),
  /** The members it is offered to; empty: everyone. */
  availableTo: z.array(z.number()),
  archived: z.boolean(),
  createdAt: isoDateTimeSchema,
});
export type Reward = z.infer<typeof rewardSchema>;

export const rewardListSchema = z.object({
  rewards: z.array(rewardSchema),
  /** The balance of the member the list is for (the caller, the member acted as, the tablet's member). */
  points: z.number(),
});

export const createRewardRequestSchema = z.strictObject({
  name: rewardNameSchema,
  cost: rewardCostSchema,
  stock: rewardStockSchema.nullable().optional(),
  availableTo: z.array(userIdSchema).max(100, formMessages.membersMax).optional(),
});
export type CreateRewardRequest = z.infer<typeof createRewardRequestSchema>;

export const updateRewardRequestSchema = createRewardRequestSchema
  .partial()
  .refine((body) => Object.keys(body).length > 0, formMessages.rewardChangeEmpty);
export type UpdateRewardRequest = z.infer<typeof updateRewardRequestSchema>;

export const rewardRequestStatusSchema = z.enum(["pending", "approved", "declined", "refunded"]);
export type RewardRequestStatus = z.infer<typeof rewardRequestStatusSchema>;

export const rewardRequestSchema = z.object({
  id: z.number(),
  reward: z.object({ id: z.number(), name: z.string() }),
  /** The member it is for. */
  userId: z.number(),
  /** Who asked: the member, or an admin or manager acting as them. */
  actorUserId: z.number(),
  /** The shared tablet it was asked on, if any. */
  viaDeviceId: z.number().nullable(),
  status: rewardRequestStatusSchema,
  cost: z.number(),
  decidedBy: z.number().nullable(),
  decidedAt: isoDateTimeSchema.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});
export type RewardRequest = z.infer<typeof rewardRequestSchema>;

export const rewardRequestQuerySchema = z.strictObject({
  status: rewardRequestStatusSchema.optional(),
  before: pageCursorQuery,
  limit: pageLimitQuery(100),
});
export type RewardRequestQuery = z.input<typeof rewardRequestQuerySchema>;

export const rewardRequestPageSchema = z.object({ requests: z.array(rewardRequestSchema), nextCursor: z.string().nullable() });
export type RewardRequestPage = z.infer<typeof rewardRequestPageSchema>;

/** Approve, decline or refund: an optional note for the member. */
export const decideRewardRequestSchema = z.strictObject({
  note: z.string().trim().max(200, formMessages.noteMax).optional(),
});
export type DecideRewardRequest = z.infer<typeof decideRewardRequestSchema>;
