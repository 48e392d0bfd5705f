/**
 * Two-step sign-in (decision 0041). A person may add TOTP (with 10 single-use recovery codes)
 * and passkeys; with any of them a password (or PIN) sign-in answers `mfa_required` with a
 * short-lived single-use `mfaToken`, and POST /auth/mfa trades it and one proof for the sign-in.
 * An admin of a circle that requires a second step and has none gets `mfa_enrolment_required`
 * instead: that token only enrols TOTP, and the enrolment's first code signs in.
 * Every proof is counted against the person's own lock before it is checked (as PINs are),
 * and an accepted TOTP step is remembered so the same code cannot be used twice.
 */
import { createHash, randomBytes } from "node:crypto";
import type { MfaProof, SignInMethod } from "@chorus/shared";
import { Secret, TOTP } from "otpauth";
import type { AppConfig } from "../config";
import type { ActingContext, RequestMeta } from "../context";
import type { Database } from "../db/database";
import { ApiError } from "../errors";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recordAudit, recordRawAudit } from "./audit";
import { verifyPasskeyProof } from "./passkeys";

export const MFA_MAX_FAILURES = 5;
export const MFA_LOCK_MINUTES = 15;
/** How long the password step's token waits for the second step. */
export const MFA_TOKEN_MINUTES = 5;
export const RECOVERY_CODE_COUNT = 10;
const TOTP_PERIOD_SECONDS = 30;

type Db = PrismaClient | Prisma.TransactionClient;
type ChallengePurpose = "sign_in" | "enrol" | "passkey_register" | "passkey_sign_in";

export const hashSecretToken = (token: string) => createHash("sha256").update(token).digest("hex");

function totp(secret: string, label: string) {
  return new TOTP({
    issuer: "Chorus",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A single-use token for `purpose`, kept as its hash; expired ones are dropped on the way. */
export async function createChallenge(
  db: Db,
  purpose: ChallengePurpose,
  userId: number | null,
  extra: { webauthnChallenge?: string; signInMethod?: SignInMethod } = {},
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.mfaChallenge.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.mfaChallenge.create({
    data: {
      tokenHash: hashSecretToken(token),
      purpose,
      userId,
      webauthnChallenge: extra.webauthnChallenge ?? null,
      signInMethod: extra.signInMethod ?? "password",
      expiresAt: new Date(Date.now() + MFA_TOKEN_MINUTES * 60_000),
    },
  });
  return token;
}

/** The person of the live sign-in or enrolment challenge behind `token`, left in place (a mistyped code may be tried again). */
export async function challengedUser(db: Db, purpose: "sign_in" | "enrol", token: string): Promise<number> {
  const row = await db.mfaChallenge.findUnique({ where: { tokenHash: hashSecretToken(token) } });
  if (!row?.userId || row.purpose !== purpose || row.expiresAt <= new Date()) {
    throw new ApiError("mfa_token_invalid", "This sign-in step has expired; sign in again");
  }
  return row.userId;
}

/** Uses the challenge up: of two requests with the same token, only one gets it. */
export async function consumeChallenge(db: Db, purpose: ChallengePurpose, token: string) {
  const [row] = await db.$queryRaw<{ userId: number | null; webauthnChallenge: string | null; signInMethod: SignInMethod }[]>`
    DELETE FROM "MfaChallenge" WHERE "tokenHash" = ${hashSecretToken(token)} AND "purpose" = ${purpose}::"MfaChallengePurpose"
      AND "expiresAt" > ${new Date()}
    RETURNING "userId", "webauthnChallenge", "signInMethod"::text AS "signInMethod"`;
  if (!row) throw new ApiError("mfa_token_invalid", "This sign-in step has expired; sign in again");
  return row;
}

export interface Factors {
  totp: boolean;
  passkeys: number;
  /** An admin of a circle that requires a second step. */
  required: boolean;
}

/** Which second factors a person has, and whether a circle they administer requires one: one statement. */
export async function factorsOf(db: Db, userId: number): Promise<Factors> {
  const [row] = await db.$queryRaw<{ totp: boolean; passkeys: number; required: boolean }[]>`
    SELECT
      EXISTS (SELECT 1 FROM "TotpFactor" t WHERE t."userId" = ${userId} AND t."confirmedAt" IS NOT NULL) AS "totp",
      (SELECT COUNT(*)::int FROM "Passkey" p WHERE p."userId" = ${userId}) AS "passkeys",
      EXISTS (
        SELECT 1 FROM "Membership" m JOIN "Circle" c ON c."id" = m."circleId"
        WHERE m."userId" = ${userId} AND m."status" = 'active' AND m."role" = 'admin' AND c."mfaRequiredForAdmins"
      ) AS "required"`;
  return row ?? { totp: false, passkeys: 0, required: false };
}

/** The circle a sign-in lands in (as startSession picks it), whose audit log records the sign-in's steps. */
async function homeCircleId(db: Db, userId: number): Promise<number | null> {
  const membership = await db.membership.findFirst({ where: { userId, status: "active" }, select: { circleId: true } });
  return membership?.circleId ?? null;
}

/**
 * After a right password or PIN: passes when no second step applies, else throws
 * `mfa_required` (with the token and the methods) or `mfa_enrolment_required`.
 */
export async function requireSecondStep(db: Database, userId: number, signInMethod: SignInMethod): Promise<void> {
  const factors = await factorsOf(db.prisma, userId);
  if (factors.totp || factors.passkeys > 0) {
    const mfaToken = await createChallenge(db.prisma, "sign_in", userId, { signInMethod });
    const methods = [...(factors.totp ? ["totp", "recovery_code"] : []), ...(factors.passkeys > 0 ? ["passkey"] : [])];
    throw new ApiError("mfa_required", "Enter the code from your authenticator app, or use a passkey", { mfaToken, methods });
  }
  if (factors.required) {
    const mfaToken = await createChallenge(db.prisma, "enrol", userId, { signInMethod });
    throw new ApiError("mfa_enrolment_required", "Your circle requires admins to set up two-step sign-in first", { mfaToken });
  }
}

/**
 * Counts one proof attempt before it is checked; throws `mfa_locked` while locked. The
 * MFA_MAX_FAILURES-th attempt in a row without a right proof starts the lock.
 */
async function reserveAttempt(db: Db, userId: number, meta: RequestMeta, circleId: number | null) {
  const now = new Date();
  const lockUntil = new Date(now.getTime() + MFA_LOCK_MINUTES * 60_000);
  const failures = Prisma.sql`CASE WHEN "mfaLockedUntil" IS NOT NULL THEN 1 ELSE "mfaFailures" + 1 END`;
  const [row] = await db.$queryRaw<{ failures: number }[]>`
    UPDATE "User" SET
      "mfaFailures" = ${failures},
      "mfaLockedUntil" = CASE WHEN ${failures} >= ${MFA_MAX_FAILURES} THEN ${lockUntil}::timestamp(3) ELSE NULL END
    WHERE "id" = ${userId} AND ("mfaLockedUntil" IS NULL OR "mfaLockedUntil" <= ${now})
    RETURNING "mfaFailures" AS "failures"`;
  if (!row) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { mfaLockedUntil: true } });
    const until = user?.mfaLockedUntil ?? now;
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    throw new ApiError("mfa_locked", `Too many wrong codes: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
      lockedUntil: until.toISOString(),
      retryAfterSeconds,
    });
  }
  if (row.failures >= MFA_MAX_FAILURES) {
    await recordRawAudit(db, meta, {
      circleId,
      actorUserId: null,
      subjectUserId: null,
      action: "auth.mfa_locked",
      entityType: "user",
      entityId: userId,
      outcome: "denied",
      payload: { failures: row.failures, lockedUntil: lockUntil.toISOString() },
    });
  }
}

/** A TOTP code of this step or the one either side, not older than the last accepted one. */
async function checkTotp(db: Db, userId: number, code: string): Promise<boolean> {
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor?.confirmedAt) return false;
  const now = Date.now();
  const delta = totp(factor.secret, "").validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const step = BigInt(Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta);
  // Taking the step is the replay check: a second use of the same code finds it taken.
  const { count } = await db.totpFactor.updateMany({
    where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step },
  });
  return count === 1;
}

async function spendRecoveryCode(db: Db, userId: number, code: string): Promise<boolean> {
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashSecretToken(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

/**
 * Checks one proof for `userId` (counted first), audits a recovery code's use, and answers
 * which kind it was; a wrong one throws `invalid_mfa_code`.
 */
export async function verifyProof(
  db: Database,
  config: AppConfig,
  userId: number,
  proof: MfaProof,
  meta: RequestMeta,
  circleId: number | null,
): Promise<"totp" | "recovery_code" | "passkey"> {
  await reserveAttempt(db.prisma, userId, meta, circleId);
  const kind = proof.code !== undefined ? "totp" : proof.recoveryCode !== undefined ? "recovery_code" : "passkey";
  const right =
    proof.code !== undefined
      ? await checkTotp(db.prisma, userId, proof.code)
      : proof.recoveryCode !== undefined
        ? await spendRecoveryCode(db.prisma, userId, proof.recoveryCode)
        : await verifyPasskeyProof(db, config, proof.passkey!, userId);
  if (!right) throw new ApiError("invalid_mfa_code", kind === "passkey" ? "That passkey was not accepted" : "Wrong or already used code");
  await db.prisma.user.update({ where: { id: userId }, data: { mfaFailures: 0, mfaLockedUntil: null } });
  if (kind === "recovery_code") {
    const left = await db.prisma.recoveryCode.count({ where: { userId, usedAt: null } });
    await recordRawAudit(db.prisma, meta, {
      circleId,
      actorUserId: userId,
      subjectUserId: null,
      action: "auth.recovery_code_used",
      entityType: "user",
      entityId: userId,
      payload: { left },
    });
  }
  return kind;
}

/** The second step: the token's person proves a factor; the token is then used up. */
export async function completeSignIn(db: Database, config: AppConfig, input: { mfaToken: string } & MfaProof, meta: RequestMeta) {
  const userId = await challengedUser(db.prisma, "sign_in", input.mfaToken);
  await verifyProof(db, config, userId, input, meta, await homeCircleId(db.prisma, userId));
  const { signInMethod } = await consumeChallenge(db.prisma, "sign_in", input.mfaToken);
  return { userId, signInMethod };
}

function newRecoveryCodes(): string[] {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((byte) => alphabet[byte % 32]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Replaces the person's recovery codes; answers the new ones (only their hashes are kept). */
async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashSecretToken(code.replace("-", "")) })) });
  return codes;
}

/** A new, unconfirmed secret (replacing an unconfirmed one); refused while TOTP is on. */
export async function startTotp(db: Db, userId: number) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, totpFactor: true } });
  if (user.totpFactor?.confirmedAt) throw new ApiError("conflict", "Two-step sign-in with an app is already on; turn it off first");
  const secret = new Secret({ size: 20 }).base32;
  await db.totpFactor.upsert({ where: { userId }, create: { userId, secret }, update: { secret, lastUsedStep: null } });
  return { secret, uri: totp(secret, user.username).toString() };
}

/**
 * Turns TOTP on with a first right code (counted like any proof) and answers new recovery
 * codes; audited as `auth.mfa_enrolled`.
 */
export async function confirmTotp(
  db: Database,
  userId: number,
  code: string,
  meta: RequestMeta,
  circleId: number | null,
  audit: (tx: Prisma.TransactionClient) => Promise<unknown>,
) {
  await reserveAttempt(db.prisma, userId, meta, circleId);
  const factor = await db.prisma.totpFactor.findUnique({ where: { userId } });
  if (!factor) throw new ApiError("invalid_state", "Start setting up the authenticator app first");
  if (factor.confirmedAt) throw new ApiError("conflict", "Two-step sign-in with an app is already on");
  const now = Date.now();
  const delta = totp(factor.secret, "").validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) throw new ApiError("invalid_mfa_code", "Wrong code: check the app's clock and try the newest code");
  return db.prisma.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.updateMany({
      where: { userId, confirmedAt: null },
      data: { confirmedAt: new Date(now), lastUsedStep: BigInt(Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta) },
    });
    if (count === 0) throw new ApiError("conflict", "Two-step sign-in with an app is already on");
    await tx.user.update({ where: { id: userId }, data: { mfaFailures: 0, mfaLockedUntil: null } });
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await audit(tx);
    return recoveryCodes;
  });
}

/** An admin required to enrol (`mfa_enrolment_required`) turns TOTP on with the token; that signs them in. */
export async function completeEnrolment(db: Database, input: { mfaToken: string; code: string }, meta: RequestMeta) {
  const userId = await challengedUser(db.prisma, "enrol", input.mfaToken);
  const circleId = await homeCircleId(db.prisma, userId);
  const recoveryCodes = await confirmTotp(db, userId, input.code, meta, circleId, (tx) =>
    recordRawAudit(tx, meta, {
      circleId,
      actorUserId: userId,
      subjectUserId: null,
      action: "auth.mfa_enrolled",
      entityType: "user",
      entityId: userId,
      payload: { factor: "totp", requiredByCircle: true },
    }),
  );
  const { signInMethod } = await consumeChallenge(db.prisma, "enrol", input.mfaToken);
  return { userId, signInMethod, recoveryCodes };
}

/** An admin of a circle that requires a second step may not remove their last one. */
export async function assertNotLastRequired(db: Db, userId: number, removing: "totp" | "passkey") {
  const factors = await factorsOf(db, userId);
  const left = (factors.totp && removing !== "totp" ? 1 : 0) + factors.passkeys - (removing === "passkey" ? 1 : 0);
  if (factors.required && left <= 0) {
    throw new ApiError("mfa_required_by_circle", "Your circle requires admins to keep a second step: add another one first");
  }
}

export async function disableTotp(db: Database, config: AppConfig, ctx: ActingContext, proof: MfaProof) {
  if (!(await factorsOf(db.prisma, ctx.actor.id)).totp) throw new ApiError("invalid_state", "Two-step sign-in with an app is not on");
  await assertNotLastRequired(db.prisma, ctx.actor.id, "totp");
  const via = await verifyProof(db, config, ctx.actor.id, proof, ctx.request, ctx.circle?.id ?? null);
  await db.prisma.$transaction(async (tx) => {
    await tx.totpFactor.deleteMany({ where: { userId: ctx.actor.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: ctx.actor.id } });
    await recordAudit(tx, ctx, {
      action: "auth.mfa_disabled",
      entityType: "user",
      entityId: ctx.actor.id,
      payload: { factor: "totp", via },
    });
  });
}

export async function regenerateRecoveryCodes(db: Database, config: AppConfig, ctx: ActingContext, proof: MfaProof) {
  if (!(await factorsOf(db.prisma, ctx.actor.id)).totp) throw new ApiError("invalid_state", "Two-step sign-in with an app is not on");
  const via = await verifyProof(db, config, ctx.actor.id, proof, ctx.request, ctx.circle?.id ?? null);
  return db.prisma.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, ctx.actor.id);
    await recordAudit(tx, ctx, { action: "auth.recovery_codes_regenerated", entityType: "user", entityId: ctx.actor.id, payload: { via } });
    return codes;
  });
}

export async function mfaStatus(db: Database, config: AppConfig, userId: number) {
  const [factors, recoveryCodesLeft, passkeys] = await Promise.all([
    factorsOf(db.prisma, userId),
    db.prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
    db.prisma.passkey.findMany({ where: { userId }, orderBy: { id: "asc" } }),
  ]);
  return {
    totpEnabled: factors.totp,
    recoveryCodesLeft,
    passkeys,
    passkeysAvailable: config.webauthn !== null,
    requiredByCircle: factors.required,
  };
}
