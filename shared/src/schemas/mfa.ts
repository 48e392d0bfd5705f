/**
 * Two-step sign-in (decision 0041): TOTP with recovery codes, and passkeys (WebAuthn) as a
 * sign-in of their own, as the second step and as the proof that unlocks removing a factor.
 */
import { z } from "zod";
import { formMessages } from "./messages";
import { isoDateTimeSchema } from "./fields";
import { authResponseSchema } from "./accounts";

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

/** What the browser's WebAuthn call answered (`@simplewebauthn/browser`), checked by the server's library. */
export const webAuthnCredentialSchema = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(8192) }),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
});

export type WebAuthnCredential = z.input<typeof webAuthnCredentialSchema>;

/** A single-use WebAuthn challenge the server keeps (`challengeToken`), and the options for the browser's call. */
export const webAuthnOptionsSchema = z.object({
  challengeToken: z.string(),
  options: z.record(z.string(), z.unknown()),
});
export type WebAuthnOptions = z.infer<typeof webAuthnOptionsSchema>;

const challengeTokenSchema = z.string().min(1).max(200);
export const passkeyProofSchema = z.strictObject({ challengeToken: challengeTokenSchema, credential: webAuthnCredentialSchema });

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
