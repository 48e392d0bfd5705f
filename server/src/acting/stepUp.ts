/**
 * Step-up before acting as a member (decision 0020): starting an impersonation session, or
 * switching one to `act`, needs the caller's secret again once their sign-in (or its last
 * step-up) is older than STEP_UP_MINUTES. The secret is the one the sign-in was made with:
 * the password, or the PIN after a PIN sign-in. Wrong passwords are counted per person
 * before each check (so parallel guesses cannot pass the allowance), wrong PINs by the
 * account's own PIN lock; every checked secret is audited as `auth.step_up`. One of the
 * caller's own passkeys steps up any sign-in, single sign-on too (decision 0046); its
 * assertions are counted by the person's MFA lock, as every other passkey proof is.
 */
import type { PasskeyProof, SignInMethod } from "@chorus/shared";
import type { AppConfig } from "../config";
import type { ActingContext } from "../context";
import type { Database } from "../db/database";
import { ApiError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { DatabaseRateLimitStore } from "../http/rateLimitStore";
import { recordRawAudit } from "../services/audit";
import { verifyPassword } from "../services/credentials";
import { verifyProof } from "../services/mfa";
import { checkPin, pinLocked } from "../services/pins";
import { stepUpRequired } from "./decide";
import { signInFreshSql } from "./identity";

/** Wrong step-up passwords one person may send in STEP_UP_WINDOW_MS. */
export const STEP_UP_PASSWORD_FAILURES = 5;
export const STEP_UP_WINDOW_MS = 15 * 60_000;

export interface StepUpSecrets {
  password?: string | undefined;
  pin?: string | undefined;
  /** Checked instead of the password or PIN when sent. */
  passkey?: PasskeyProof | undefined;
}

const passwordStores = new WeakMap<Database, DatabaseRateLimitStore>();

function passwordStore(db: Database): DatabaseRateLimitStore {
  let store = passwordStores.get(db);
  if (!store) {
    store = new DatabaseRateLimitStore(db, "step-up:", STEP_UP_WINDOW_MS);
    passwordStores.set(db, store);
  }
  return store;
}

interface SignInRow {
  signInMethod: SignInMethod;
  signInFresh: boolean;
  passwordHash: string | null;
  pinHash: string | null;
  passkeys: number;
}

/**
 * Passes when this sign-in is fresh or `secrets` holds its right secret (then the sign-in
 * counts as fresh again); otherwise throws `step_up_required`, `step_up_failed`, 429 or 423.
 * `purpose` names what the step-up was for in the audit log.
 */
export async function requireStepUp(
  db: Database,
  config: AppConfig,
  ctx: ActingContext,
  secrets: StepUpSecrets,
  purpose: "impersonation.start" | "impersonation.mode_changed" | "impersonation.requested",
): Promise<void> {
  if (!ctx.sessionId) throw stepUpRequired("password");
  const [row] = await db.prisma.$queryRaw<SignInRow[]>(Prisma.sql`
    SELECT s."signInMethod"::text AS "signInMethod", ${signInFreshSql}, u."passwordHash", u."pinHash",
      (SELECT COUNT(*)::int FROM "Passkey" p WHERE p."userId" = u."id") AS "passkeys"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${ctx.sessionId}`);
  if (!row) throw stepUpRequired("password");
  if (row.signInFresh) return;
  const passkeyOpen = config.webauthn !== null && row.passkeys > 0;
  const via = secrets.passkey !== undefined ? "passkey" : row.signInMethod;
  if (via === "passkey") {
    if (!config.webauthn) throw new ApiError("passkeys_unavailable", "Passkeys are not set up on this server (WEBAUTHN_ORIGIN)");
  } else {
    // The provider holds the secret of a single sign-on (decision 0040): only a new sign-in there, or a passkey, steps up.
    if (row.signInMethod === "oidc") throw stepUpRequired("oidc", passkeyOpen);
    if ((row.signInMethod === "pin" ? secrets.pin : secrets.password) === undefined) throw stepUpRequired(row.signInMethod, passkeyOpen);
  }

  const right =
    via === "passkey"
      ? await checkStepUpPasskey(db, config, ctx, secrets.passkey!)
      : via === "pin"
        ? await checkStepUpPin(db, config, ctx, row, secrets.pin!)
        : await checkStepUpPassword(db, config, ctx, row, secrets.password!);
  await recordRawAudit(db.prisma, ctx.request, {
    circleId: ctx.circle?.id ?? null,
    actorUserId: ctx.actor.id,
    subjectUserId: null,
    action: "auth.step_up",
    entityType: "user",
    entityId: ctx.actor.id,
    outcome: right ? "allowed" : "denied",
    payload: { signInMethod: row.signInMethod, via, for: purpose },
  });
  if (!right) {
    const message = via === "passkey" ? "That passkey was not accepted" : via === "pin" ? "Wrong PIN" : "Wrong password";
    throw new ApiError("step_up_failed", message, { signInMethod: row.signInMethod, via });
  }
  await db.prisma.session.update({ where: { id: ctx.sessionId }, data: { steppedUpAt: new Date() } });
}

async function checkStepUpPassword(db: Database, config: AppConfig, ctx: ActingContext, row: SignInRow, password: string) {
  const store = passwordStore(db);
  const key = String(ctx.actor.id);
  const { totalHits, resetTime } = await store.increment(key);
  if (totalHits > STEP_UP_PASSWORD_FAILURES) {
    const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
    throw new ApiError("rate_limited", `Too many wrong passwords; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
      retryAfterSeconds,
    });
  }
  const right = await verifyPassword(row.passwordHash, password, config);
  // Only wrong passwords use up the allowance.
  if (right) await store.decrement(key);
  return right;
}

async function checkStepUpPin(db: Database, config: AppConfig, ctx: ActingContext, row: SignInRow, pin: string) {
  if (!row.pinHash) return false;
  const outcome = await checkPin(db.prisma, config, { account: { id: ctx.actor.id, pinHash: row.pinHash } }, pin, {
    request: ctx.request,
    circleId: ctx.circle?.id ?? null,
  });
  if (outcome.result === "locked") throw pinLocked(outcome.lockedUntil);
  return outcome.result === "ok";
}

/** The caller's own passkey for a challenge issued to them (used up either way), counted by their MFA lock; 423 while locked. */
async function checkStepUpPasskey(db: Database, config: AppConfig, ctx: ActingContext, passkey: PasskeyProof) {
  try {
    await verifyProof(db, config, ctx.actor.id, { passkey }, ctx.request, ctx.circle?.id ?? null);
    return true;
  } catch (error) {
    // A stale or foreign challenge token is as wrong as a foreign passkey.
    if (error instanceof ApiError && (error.code === "invalid_mfa_code" || error.code === "mfa_token_invalid")) return false;
    throw error;
  }
}
