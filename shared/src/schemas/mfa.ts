/**
 * Two-step sign-in (decision 0041): TOTP with recovery codes, and passkeys (WebAuthn) as a
 * sign-in of their own, as the second step and as the proof that unlocks removing a factor.
 */
import { z } from "zod";
import { formMessages } from "./messages";
import { isoDateTimeSchema } from "./fields";
import { authResponseSchema } from "./accounts";
import { challengeTokenSchema, passkeyProofSchema, webAuthnCredentialSchema } from "./webauthn";

export const totpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().regex(/^[0-9]{6}$/, formMessages.totpCodeFormat));

/** Shown as `XXXXX-XXXXX`; any case, dashes and spaces are ignored. */
export const recoveryCodeSchema = z
  .string()
  .max(40, formMessages.recoveryCodeTooLong)
  .transform((value) => value.replace(/[\s-]/g, "").toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-7]{10}$/, formMessages.recoveryCodeFormat));

const proofFields = {
  code: totpCodeSchema.optional(),
  recoveryCode: recoveryCodeSchema.optional(),
  passkey: passkeyProofSchema.optional(),
};
const oneProof = (body: { code?: string | undefined; recoveryCode?: string | undefined; passkey?: unknown }) =>
  [body.code, body.recoveryCode, body.passkey].filter((proof) => proof !== undefined).length === 1;
const oneProofMessage = formMessages.oneProof;

/** One proof of the second factor: a current TOTP code, an unused recovery code, or a passkey. */
export const mfaProofSchema = z.strictObject(proofFields).refine(oneProof, oneProofMessage);
export type MfaProof = z.infer<typeof mfaProofSchema>;

const mfaTokenSchema = z.string().min(1, formMessages.mfaTokenMissing).max(200);

/** `POST /auth/mfa`: the second step after `mfa_required`. */
export const mfaLoginRequestSchema = z.strictObject({ mfaToken: mfaTokenSchema, ...proofFields }).refine(oneProof, oneProofMessage);
export type MfaLoginRequest = z.infer<typeof mfaLoginRequestSchema>;

export const mfaTokenRequestSchema = z.strictObject({ mfaToken: mfaTokenSchema });
export const mfaEnrolConfirmRequestSchema = z.strictObject({ mfaToken: mfaTokenSchema, code: totpCodeSchema });

export const totpEnrolmentSchema = z.object({
  /** Base32, for typing into an app by hand. */
  secret: z.string(),
  /** `otpauth://totp/...`, for the QR code. */
  uri: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const confirmTotpRequestSchema = z.strictObject({ code: totpCodeSchema });

/** Shown once; only their hashes are kept. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** A required enrolment finished: the sign-in, and the recovery codes to keep. */
export const enrolledSignInSchema = authResponseSchema.extend({ recoveryCodes: z.array(z.string()) });

export const passkeySchema = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: isoDateTimeSchema,
  lastUsedAt: isoDateTimeSchema.nullable(),
});
export type Passkey = z.infer<typeof passkeySchema>;

export const mfaStatusSchema = z.object({
  totpEnabled: z.boolean(),
  recoveryCodesLeft: z.number().int().min(0),
  passkeys: z.array(passkeySchema),
  /** False when the server has no WEBAUTHN_ORIGIN: passkeys cannot be used. */
  passkeysAvailable: z.boolean(),
  /** The caller is an admin of a circle that requires a second step: the last factor cannot be removed. */
  requiredByCircle: z.boolean(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const passkeyNameSchema = z.string().trim().min(1, formMessages.passkeyNameRequired).max(64, formMessages.passkeyNameMax);
export const addPasskeyRequestSchema = z.strictObject({
  name: passkeyNameSchema,
  challengeToken: challengeTokenSchema,
  credential: webAuthnCredentialSchema,
});
export type AddPasskeyRequest = z.infer<typeof addPasskeyRequestSchema>;

export const passkeyLoginRequestSchema = passkeyProofSchema;
