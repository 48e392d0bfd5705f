/**
 * Impersonation sessions (starting and ending "View tasks as" explicitly) and the "acted for
 * you" feed a member reads (docs/decisions/0012).
 */
import { z } from "zod";
import { SESSION_EXPORT_MAX_DAYS } from "./limits";
import { formMessages } from "./messages";
import { idParamSchema, isoDateTimeSchema, pageCursorQuery, pageLimitQuery, pinSchema, userIdSchema } from "./fields";
import { passkeyProofSchema } from "./webauthn";

export { SESSION_EXPORT_MAX_DAYS } from "./limits";

/** `view` only looks; `act` may also do, skip, start and pause for the member (issue 16). */
export const impersonationModeSchema = z.enum(["view", "act"]);
export type ImpersonationMode = z.infer<typeof impersonationModeSchema>;

/**
 * The step-up secret (decision 0020): the caller's password, or their PIN when this sign-in
 * was a PIN sign-in. Needed only when the sign-in, or its last step-up, is older than 10 minutes.
 */
/** `oidc`: a step-up is a new sign-in at the provider (decision 0040). */
export const signInMethodSchema = z.enum(["password", "pin", "oidc"]);
export type SignInMethod = z.infer<typeof signInMethodSchema>;
const stepUpFields = {
  password: z.string().min(1, formMessages.passwordRequired).max(200, formMessages.passwordMax).optional(),
  pin: pinSchema.optional(),
  /**
   * An assertion by one of the caller's passkeys for a `POST /users/me/mfa/passkey-options`
   * challenge: steps up any sign-in (decision 0046); when sent, `password`/`pin` are not looked at.
   */
  passkey: passkeyProofSchema.optional(),
};

export const startImpersonationRequestSchema = z.strictObject({
  userId: userIdSchema,
  /** Why: kept in the audit log with every write made in this impersonation session. */
  reason: z
    .string()
    .trim()
    .max(200, formMessages.impersonationReasonMax)
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
    /** When the session started. */
    at: isoDateTimeSchema,
    actor: actorSchema,
    reason: z.string().nullable(),
    mode: impersonationModeSchema,
    expiresAt: isoDateTimeSchema,
    endedAt: isoDateTimeSchema.nullable(),
    /** Writes made for the member in this session (decision 0022). */
    actionCount: z.number(),
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

/** One row of the audit page's Sessions view (decision 0022). */
export const impersonationSessionReviewSchema = z.object({
  id: z.number(),
  actor: actorSchema,
  target: actorSchema,
  mode: impersonationModeSchema,
  reason: z.string().nullable(),
  startedAt: isoDateTimeSchema,
  expiresAt: isoDateTimeSchema,
  endedAt: isoDateTimeSchema.nullable(),
  /** Writes allowed in the session (chore actions and the like; not its own start, extensions or mode switches). */
  actionCount: z.number(),
  /**
   * Refused attempts recorded for it: audited denials naming it, and refused impersonation
   * attempts by its actor on its member while it was open.
   */
  refusalCount: z.number(),
});
export type ImpersonationSessionReview = z.infer<typeof impersonationSessionReviewSchema>;

export const impersonationSessionsQuerySchema = z.strictObject({
  /** Cursor: sessions older than this one (its `nextCursor`). */
  before: idParamSchema.optional(),
  limit: pageLimitQuery(100),
});
export type ImpersonationSessionsQuery = z.input<typeof impersonationSessionsQuerySchema>;

export const impersonationSessionsPageSchema = z.object({
  sessions: z.array(impersonationSessionReviewSchema),
  nextCursor: z.string().nullable(),
});
export type ImpersonationSessionsPage = z.infer<typeof impersonationSessionsPageSchema>;

/** Calendar days, `YYYY-MM-DD`, in the circle's time zone. */
const calendarDaySchema = z.iso.date(formMessages.exportDayFormat);

/** The range checks need both days well-formed; a bad day is reported on its own field only. */
const whenDaysValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

export const impersonationSessionsExportQuerySchema = z
  .strictObject({ from: calendarDaySchema, to: calendarDaySchema })
  .refine(({ from, to }) => from <= to, { message: formMessages.exportEndBeforeStart, path: ["to"], ...whenDaysValid })
  .refine(({ from, to }) => (Date.parse(to) - Date.parse(from)) / 86_400_000 < SESSION_EXPORT_MAX_DAYS, {
    message: formMessages.exportTooLong,
    path: ["to"],
    ...whenDaysValid,
  });
export type ImpersonationSessionsExportQuery = z.input<typeof impersonationSessionsExportQuerySchema>;
/**
 * Who may act as a member (decision 0023): `anyone` their role allows, `ask` me first, or
 * `nobody`. A child's account (no email) always allows its circle's admins and managers.
 */
export const actAsConsentSchema = z.enum(["anyone", "ask", "nobody"]);
export type ActAsConsent = z.infer<typeof actAsConsentSchema>;

/** The signed-in person's own setting; `choosable` is false for a child's account, which always reads `anyone`. */
export const actAsConsentSettingSchema = z.object({ consent: actAsConsentSchema, choosable: z.boolean() });
export type ActAsConsentSetting = z.infer<typeof actAsConsentSettingSchema>;

export const setActAsConsentRequestSchema = z.strictObject({ consent: actAsConsentSchema });
export type SetActAsConsentRequest = z.input<typeof setActAsConsentRequestSchema>;

/** `pending` until the member answers or it expires; a decline is final; `granted` opened an impersonation session. */
export const actAsRequestStatusSchema = z.enum(["pending", "granted", "declined", "expired"]);
export type ActAsRequestStatus = z.infer<typeof actAsRequestStatusSchema>;

export const actAsRequestSchema = z.object({
  id: z.number(),
  actor: actorSchema,
  target: actorSchema,
  reason: z.string().nullable(),
  mode: impersonationModeSchema,
  status: actAsRequestStatusSchema,
  createdAt: isoDateTimeSchema,
  /** When a pending request expires. */
  expiresAt: isoDateTimeSchema,
  respondedAt: isoDateTimeSchema.nullable(),
  /** Once granted: when the impersonation session it opened ends. */
  grantedUntil: isoDateTimeSchema.nullable(),
});
export type ActAsRequest = z.infer<typeof actAsRequestSchema>;

/** Requests asking the signed-in person (`incoming`: pending ones) and the ones they made lately (`outgoing`). */
export const actAsRequestListSchema = z.object({ incoming: z.array(actAsRequestSchema), outgoing: z.array(actAsRequestSchema) });
export type ActAsRequestList = z.infer<typeof actAsRequestListSchema>;
