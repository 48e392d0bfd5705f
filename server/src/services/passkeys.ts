/**
 * Passkeys (WebAuthn, decision 0041) through @simplewebauthn/server: registration on the
 * Account page, a username-less sign-in, and the proof of a second factor. Every challenge
 * is a single-use MfaChallenge row that expires with the others; the relying party is
 * WEBAUTHN_ORIGIN, never the request's Host.
 */
import type { AddPasskeyRequest, MfaProof } from "@chorus/shared";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { AppConfig, WebAuthnConfig } from "../config";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { ApiError, notFound } from "../errors";
import { recordAudit } from "./audit";
import { assertNotLastRequired, consumeChallenge, createChallenge, verifyProof } from "./mfa";

function relyingParty(config: AppConfig): WebAuthnConfig {
  if (!config.webauthn) throw new ApiError("passkeys_unavailable", "Passkeys are not set up on this server (WEBAUTHN_ORIGIN)");
  return config.webauthn;
}

const transportsOf = (transports: string[]) => transports as AuthenticatorTransportFuture[];

export async function registrationOptions(db: Database, config: AppConfig, ctx: ActingContext) {
  const rp = relyingParty(config);
  const existing = await db.prisma.passkey.findMany({ where: { userId: ctx.actor.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: ctx.actor.username,
    userDisplayName: ctx.actor.displayName,
    userID: new TextEncoder().encode(String(ctx.actor.id)),
    attestationType: "none",
    excludeCredentials: existing.map((key) => ({ id: key.credentialId, transports: transportsOf(key.transports) })),
    // Discoverable, so the same passkey signs in without a username.
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  const challengeToken = await createChallenge(db.prisma, "passkey_register", ctx.actor.id, { webauthnChallenge: options.challenge });
  return { challengeToken, options: options as unknown as Record<string, unknown> };
}

export async function addPasskey(db: Database, config: AppConfig, ctx: ActingContext, input: AddPasskeyRequest) {
  const rp = relyingParty(config);
  const challenge = await consumeChallenge(db.prisma, "passkey_register", input.challengeToken);
  if (challenge.userId !== ctx.actor.id) throw new ApiError("mfa_token_invalid", "This passkey step has expired; start again");
  const verification = await verifyRegistrationResponse({
    response: input.credential as unknown as RegistrationResponseJSON,
    expectedChallenge: challenge.webauthnChallenge!,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw new ApiError("invalid_mfa_code", "The browser's passkey answer was not accepted");
  const { credential } = verification.registrationInfo;
  return db.prisma.$transaction(async (tx) => {
    if (await tx.passkey.findUnique({ where: { credentialId: credential.id } }))
      throw new ApiError("conflict", "That passkey is registered already");
    const passkey = await tx.passkey.create({
      data: {
        userId: ctx.actor.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name: input.name,
      },
    });
    await recordAudit(tx, ctx, {
      action: "auth.mfa_enrolled",
      entityType: "passkey",
      entityId: passkey.id,
      payload: { factor: "passkey" },
    });
    return passkey;
  });
}

/** Options for an assertion: any discoverable passkey (`userId` null), or one of that person's. */
export async function authenticationOptions(db: Database, config: AppConfig, userId: number | null) {
  const rp = relyingParty(config);
  const allowed =
    userId === null ? [] : await db.prisma.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    userVerification: "preferred",
    ...(userId === null
      ? {}
      : { allowCredentials: allowed.map((key) => ({ id: key.credentialId, transports: transportsOf(key.transports) })) }),
  });
  const challengeToken = await createChallenge(db.prisma, "passkey_sign_in", userId, { webauthnChallenge: options.challenge });
  return { challengeToken, options: options as unknown as Record<string, unknown> };
}

/**
 * The person whose passkey answered the challenge (and only `expectedUserId`'s, when given),
 * or null; the challenge is used up either way and the passkey's counter moves on.
 */
export async function verifyPasskeyAssertion(
  db: Database,
  config: AppConfig,
  proof: NonNullable<MfaProof["passkey"]>,
  expectedUserId: number | null,
): Promise<number | null> {
  const rp = relyingParty(config);
  const challenge = await consumeChallenge(db.prisma, "passkey_sign_in", proof.challengeToken);
  if (challenge.userId !== expectedUserId) return null;
  const passkey = await db.prisma.passkey.findUnique({ where: { credentialId: proof.credential.id } });
  if (!passkey || (expectedUserId !== null && passkey.userId !== expectedUserId)) return null;
  const verification = await verifyAuthenticationResponse({
    response: proof.credential as unknown as AuthenticationResponseJSON,
    expectedChallenge: challenge.webauthnChallenge!,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
      counter: Number(passkey.counter),
      transports: transportsOf(passkey.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return null;
  await db.prisma.passkey.update({
    where: { id: passkey.id },
    data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: new Date() },
  });
  return passkey.userId;
}

export async function verifyPasskeyProof(db: Database, config: AppConfig, proof: NonNullable<MfaProof["passkey"]>, userId: number) {
  return (await verifyPasskeyAssertion(db, config, proof, userId)) === userId;
}

/** A username-less sign-in: the passkey names its person. */
export async function passkeySignIn(db: Database, config: AppConfig, proof: NonNullable<MfaProof["passkey"]>) {
  const userId = await verifyPasskeyAssertion(db, config, proof, null);
  if (userId === null) throw new ApiError("invalid_credentials", "That passkey is not registered here");
  return userId;
}

export async function deletePasskey(db: Database, config: AppConfig, ctx: ActingContext, passkeyId: number, proof: MfaProof) {
  if (!(await db.prisma.passkey.count({ where: { id: passkeyId, userId: ctx.actor.id } }))) throw notFound("Passkey");
  await assertNotLastRequired(db.prisma, ctx.actor.id, "passkey");
  const via = await verifyProof(db, config, ctx.actor.id, proof, ctx.request, ctx.circle?.id ?? null);
  await db.prisma.$transaction(async (tx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: passkeyId, userId: ctx.actor.id } });
    if (count === 0) throw notFound("Passkey");
    await recordAudit(tx, ctx, {
      action: "auth.mfa_disabled",
      entityType: "passkey",
      entityId: passkeyId,
      payload: { factor: "passkey", via },
    });
  });
}
