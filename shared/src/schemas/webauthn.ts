/**
 * A passkey's answer (WebAuthn, decision 0041) as the contract carries it: apart from the
 * rest of two-step sign-in so the impersonation step-up can take one (decision 0046)
 * without importing the sign-in schemas.
 */
import { z } from "zod";

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

export const challengeTokenSchema = z.string().min(1).max(200);
export const passkeyProofSchema = z.strictObject({ challengeToken: challengeTokenSchema, credential: webAuthnCredentialSchema });
export type PasskeyProof = z.infer<typeof passkeyProofSchema>;
