import { z } from "zod";
import { formMessages } from "./messages";
import {
  displayNameSchema,
  emailSchema,
  inviteCodeSchema,
  isoDateTimeSchema,
  passwordSchema,
  phoneSchema,
  pinSchema,
  roleSchema,
  timezoneSchema,
  usernameSchema,
} from "./fields";
import { impersonationModeSchema } from "./impersonation";

export const signupRequestSchema = z.strictObject({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema.optional(),
  phone: phoneSchema.optional(),
  timezone: timezoneSchema.optional(),
  /**
   * Signing up from an invite link: the account starts with a pending request to join that
   * circle instead of a circle of its own (docs/decisions/0013-onboarding.md).
   */
  inviteCode: inviteCodeSchema.optional(),
});
export type SignupRequest = z.infer<typeof signupRequestSchema>;

export const loginRequestSchema = z.strictObject({
  login: z.string().min(1, formMessages.loginRequired).max(254, formMessages.loginTooLong),
  password: z.string().min(1, formMessages.passwordRequired).max(200, formMessages.passwordTooLong),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Sign-in for children's accounts on a family device: username and PIN. */
export const pinLoginRequestSchema = z.strictObject({
  username: z.string().min(1, formMessages.usernameRequired).max(254, formMessages.usernameTooLong),
  pin: pinSchema,
});
export type PinLoginRequest = z.infer<typeof pinLoginRequestSchema>;

/** The user as the API presents it: the subject of the request, with who is acting for them. */
export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  /** Null for a child's account. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  displayName: z.string(),
  timezone: z.string(),
  circleId: z.number().nullable(),
  role: roleSchema.nullable(),
  impersonatorUserId: z.number().nullable(),
  /** When the impersonation session ends (docs/decisions/0012); null unless impersonating. */
  impersonationExpiresAt: isoDateTimeSchema.nullable(),
  /** Whether that session only views or also acts (decision 0020); null unless impersonating. */
  impersonationMode: impersonationModeSchema.nullable(),
  /** How many more times that session may be extended (decision 0024); null unless impersonating. */
  impersonationExtensionsLeft: z.number().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const authResponseSchema = z.object({ token: z.string(), user: userSchema });
export type AuthResponse = z.infer<typeof authResponseSchema>;

export const createApiTokenRequestSchema = z.strictObject({
  name: z.string().max(64, formMessages.tokenNameMax).regex(/\S/, formMessages.tokenNameBlank),
});
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;

export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: isoDateTimeSchema,
  lastUsedAt: isoDateTimeSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** Only the creation response carries the secret, once. */
export const createdApiTokenSchema = z.object({ id: z.number(), name: z.string(), token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });

const count = z.number().int().min(0);
export const healthSchema = z.object({
  status: z.literal("ok"),
  db: z.enum(["pglite", "postgres"]),
  /** PostgreSQL only: open connections, the most it opens, idle ones, and requests waiting for one. */
  pool: z.object({ size: count, max: count, idle: count, waiting: count }).optional(),
});
export type Health = z.infer<typeof healthSchema>;
