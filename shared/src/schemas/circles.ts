import { z } from "zod";
import { formMessages } from "./messages";
import {
  displayNameSchema,
  inviteCodeSchema,
  isoDateTimeSchema,
  membershipStatusSchema,
  passwordSchema,
  pinSchema,
  roleSchema,
  timezoneSchema,
  usernameSchema,
} from "./fields";
import { actAsConsentSchema } from "./impersonation";
import { localeSchema } from "./calendar";

export const circleNameSchema = z.string().max(64, formMessages.circleNameMax).regex(/\S/, formMessages.circleNameBlank);

export const circleSchema = z.object({
  id: z.number(),
  name: z.string(),
  timezone: z.string(),
  /** BCP 47; decides the calendar's first day of the week (decision 0036). */
  locale: z.string(),
  impersonationEnabled: z.boolean(),
  /** Whether children (accounts without an email) get a reminder-channel notice when someone starts acting as them. */
  impersonationNoticeForChildren: z.boolean(),
  /** Admins must sign in with a second step, TOTP or a passkey (decision 0041). */
  mfaRequiredForAdmins: z.boolean(),
  /** Present only for admins and managers. */
  inviteCode: z.string().optional(),
  createdAt: isoDateTimeSchema,
});
export type Circle = z.infer<typeof circleSchema>;

export const createCircleRequestSchema = z.strictObject({
  name: circleNameSchema,
  timezone: timezoneSchema.optional(),
});
export type CreateCircleRequest = z.infer<typeof createCircleRequestSchema>;

export const updateCircleRequestSchema = z
  .strictObject({
    name: circleNameSchema.optional(),
    timezone: timezoneSchema.optional(),
    locale: localeSchema.optional(),
    impersonationEnabled: z.boolean().optional(),
    impersonationNoticeForChildren: z.boolean().optional(),
    mfaRequiredForAdmins: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, formMessages.circleChangeEmpty);
export type UpdateCircleRequest = z.infer<typeof updateCircleRequestSchema>;

export const joinCircleRequestSchema = z.strictObject({
  inviteCode: inviteCodeSchema,
});
export type JoinCircleRequest = z.infer<typeof joinCircleRequestSchema>;

export const joinCircleResponseSchema = z.object({ circleId: z.number(), status: z.literal("pending") });
export type JoinCircleResponse = z.infer<typeof joinCircleResponseSchema>;

/**
 * `POST /invites/lookup`: the name of the circle an invite link leads to, for its join
 * screen. Public and rate-limited like joining; the code travels in the body, never in a URL.
 */
export const inviteLookupRequestSchema = z.strictObject({ inviteCode: inviteCodeSchema });
export type InviteLookupRequest = z.infer<typeof inviteLookupRequestSchema>;

export const inviteLookupResponseSchema = z.object({ circleName: z.string() });
export type InviteLookupResponse = z.infer<typeof inviteLookupResponseSchema>;

/** One of the caller's own pending requests to join a circle (`GET /circles/join`). */
export const joinRequestSchema = z.object({
  circleId: z.number(),
  circleName: z.string(),
  requestedAt: isoDateTimeSchema,
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const joinRequestListSchema = z.object({ requests: z.array(joinRequestSchema) });
export type JoinRequestList = z.infer<typeof joinRequestListSchema>;

export const memberSchema = z.object({
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  /** Null for a child's account (created by an admin or manager, signs in by username). */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: roleSchema,
  status: membershipStatusSchema,
  impersonator: z.boolean(),
  points: z.number(),
  /** Set while too many wrong PINs keep the account's PIN locked (ISO time it opens again). */
  pinLockedUntil: z.string().nullable(),
  /**
   * Who may act as this member (decision 0023), as it applies (a child's always reads `anyone`);
   * shown only to admins and managers, the people it concerns, and null for everyone else.
   */
  actAsConsent: actAsConsentSchema.nullable(),
  /** Came in with a circle import and has no way to sign in yet: an admin can make it a claim link (decision 0045). */
  awaitingClaim: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ members: z.array(memberSchema) });

export const memberSearchQuerySchema = z.strictObject({
  search: z.string().max(64, formMessages.searchMax).optional(),
});

export const setRoleRequestSchema = z.strictObject({ role: roleSchema });
export const setImpersonatorRequestSchema = z.strictObject({ impersonator: z.boolean() });

/**
 * A child's account: no email; signs in with a PIN or a password (or neither, when they
 * only use a shared tablet).
 */
export const createChildRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  pin: pinSchema.optional(),
  password: passwordSchema.optional(),
});
export type CreateChildRequest = z.infer<typeof createChildRequestSchema>;

export const setPinRequestSchema = z.strictObject({ pin: pinSchema });
export type SetPinRequest = z.infer<typeof setPinRequestSchema>;
