/** Single sign-on with OpenID Connect (decision 0040). */
import { z } from "zod";
import { formMessages } from "./messages";
import { inviteCodeSchema, isoDateTimeSchema } from "./fields";

/** What the sign-in page offers: the password form, and the provider's button. */
export const authOptionsSchema = z.object({
  passwordLogin: z.boolean(),
  /** Null when no OpenID Connect provider is configured. */
  sso: z.object({ name: z.string() }).nullable(),
  /** Passkey sign-in is set up (WEBAUTHN_ORIGIN, decision 0041). */
  passkeys: z.boolean(),
});
export type AuthOptions = z.infer<typeof authOptionsSchema>;

export const ssoStartRequestSchema = z.strictObject({
  /** Started from an invite link: a new account asks to join that circle, as signing up there would. */
  inviteCode: inviteCodeSchema.optional(),
});
export type SsoStartRequest = z.infer<typeof ssoStartRequestSchema>;

export const ssoStartResponseSchema = z.object({ authorizationUrl: z.string() });
export type SsoStartResponse = z.infer<typeof ssoStartResponseSchema>;

/** The provider's answer as it reached the web app's callback page (its query parameters). */
export const ssoCallbackRequestSchema = z.strictObject({
  code: z.string().min(1, formMessages.ssoCodeMissing).max(2048, formMessages.ssoCodeTooLong),
  state: z.string().min(1, formMessages.ssoStateMissing).max(512, formMessages.ssoStateTooLong),
  /** RFC 9207: the issuer the answer says it came from, checked when the provider sends it. */
  iss: z.string().max(2048, formMessages.ssoIssuerTooLong).optional(),
});
export type SsoCallbackRequest = z.infer<typeof ssoCallbackRequestSchema>;

export const ssoIdentitySchema = z.object({
  id: z.number(),
  issuer: z.string(),
  email: z.string().nullable(),
  createdAt: isoDateTimeSchema,
});
export type SsoIdentity = z.infer<typeof ssoIdentitySchema>;

export const ssoIdentityListSchema = z.object({ identities: z.array(ssoIdentitySchema) });
