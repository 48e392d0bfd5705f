/**
 * Impersonation sessions (starting and ending "View tasks as" explicitly) and the "acted for
 * you" feed a member reads (docs/decisions/0012).
 */
import { z } from "zod";
import { isoDateTimeSchema, pageCursorQuery, pageLimitQuery, pinSchema, userIdSchema } from "./fields";

/** `view` only looks; `act` may also do, skip, start and pause for the member (issue 16). */
export const impersonationModeSchema = z.enum(["view", "act"]);
export type ImpersonationMode = z.infer<typeof impersonationModeSchema>;

/**
 * The step-up secret (decision 0020): the caller's password, or their PIN when this sign-in
 * was a PIN sign-in. Needed only when the sign-in, or its last step-up, is older than 10 minutes.
 */
export const signInMethodSchema = z.enum(["password", "pin"]);
export type SignInMethod = z.infer<typeof signInMethodSchema>;
const stepUpFields = {
  password: z.string().min(1, "Enter your password").max(200, "Password must be at most 200 characters").optional(),
  pin: pinSchema.optional(),
};

export const startImpersonationRequestSchema = z.strictObject({
  userId: userIdSchema,
  /** Why: kept in the audit log with every write made in this impersonation session. */
  reason: z
    .string()
    .trim()
    .max(200, "Reason must be at most 200 characters")
    .optional()
    .transform((reason) => (reason === "" ? undefined : reason)),
  /** View only unless asked: the default for a first look (decision 0020). */
  mode: impersonationModeSchema.default("view"),
  ...stepUpFields,
});
export type StartImpersonationRequest = z.input<typeof startImpersonationRequestSchema>;

/** Sent with the selector header of the session to switch (decision 0020). */
export const setImpersonationModeRequestSchema = z.strictObject({ mode: impersonationModeSchema, ...stepUpFields });
export type SetImpersonationModeRequest = z.input<typeof setImpersonationModeRequestSchema>;

export const impersonationSessionSchema = z.object({
  userId: z.number(),
  reason: z.string().nullable(),
  mode: impersonationModeSchema,
  startedAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  /** How many more times it may be extended (IMPERSONATION_MAX_EXTENSIONS minus those made). */
  extensionsLeft: z.number(),
});
export type ImpersonationSession = z.infer<typeof impersonationSessionSchema>;

const actorSchema = z.object({ userId: z.number(), displayName: z.string() });

export const actedForMeItemSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("chore_action"),
    id: z.string(),
    at: isoDateTimeSchema,
    actor: actorSchema,
    action: z.enum(["completed", "skipped", "started", "paused"]),
    choreId: z.number(),
    choreName: z.string(),
    note: z.string().nullable(),
    points: z.number(),
  }),
  z.object({
    kind: z.literal("impersonation_session"),
    id: z.string(),
    at: isoDateTimeSchema,
    actor: actorSchema,
    reason: z.string().nullable(),
    expiresAt: isoDateTimeSchema,
    endedAt: isoDateTimeSchema.nullable(),
  }),
]);
export type ActedForMeItem = z.infer<typeof actedForMeItemSchema>;

export const actedForMeQuerySchema = z.strictObject({
  before: pageCursorQuery,
  limit: pageLimitQuery(100),
});
export type ActedForMeQuery = z.input<typeof actedForMeQuerySchema>;

export const actedForMePageSchema = z.object({
  items: z.array(actedForMeItemSchema),
  nextCursor: z.string().nullable(),
  /** Entries newer than the last time the member marked the feed read. */
  unreadCount: z.number(),
});
export type ActedForMePage = z.infer<typeof actedForMePageSchema>;
