/**
 * Claiming an imported account (docs/decisions/0045-account-claims.md): an admin makes a
 * one-time link for a member whose account came in with a circle import and has no way to
 * sign in; the person opens it and chooses their password.
 */
import { z } from "zod";
import { formMessages } from "./messages";
import { passwordSchema } from "./fields";

/** Shown once: the token is the link's fragment (`/claim#<token>`), never stored in clear. */
export const accountClaimLinkSchema = z.object({ token: z.string(), expiresAt: z.string() });
export type AccountClaimLink = z.infer<typeof accountClaimLinkSchema>;

export const claimAccountRequestSchema = z.strictObject({
  token: z.string().min(1, formMessages.claimLinkIncomplete).max(100),
  password: passwordSchema,
});
export type ClaimAccountRequest = z.infer<typeof claimAccountRequestSchema>;
