/**
 * Single sign-on with OpenID Connect (decision 0040): the authorization code flow with
 * PKCE, state and nonce through openid-client, which discovers the provider and checks
 * the ID token (signature, issuer, audience, expiry, nonce). Accounts are found by the
 * provider's issuer and subject, linked by an email the provider says it verified, or
 * created as sign-up creates them.
 */
import { createHash } from "node:crypto";
import type { SsoCallbackRequest, SsoStartRequest } from "@chorus/shared";
import type * as Oidc from "openid-client";
import type { AppConfig, SsoConfig } from "../config";
import type { ActingContext, RequestMeta } from "../context";
import type { Database } from "../db/database";
import { ApiError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { createAccount, startSession } from "./accounts";
import { recordAudit, recordRawAudit } from "./audit";
import { newSessionId, signSessionToken } from "./credentials";

/** How long a sign-in may stay at the provider before its state is refused. */
const STATE_TTL_MS = 10 * 60_000;

/** openid-client is an ES module: loaded on the first sign-in, and each provider discovered once per process. */
const discovered = new WeakMap<SsoConfig, Promise<{ oidc: typeof Oidc; server: Oidc.Configuration }>>();

function provider(sso: SsoConfig) {
  let found = discovered.get(sso);
  if (!found) {
    found = (async () => {
      const oidc = await import("openid-client");
      // ID token signatures are checked too, not only trusted for coming over TLS from the token endpoint;
      // config.ts allows http:// only for a loopback issuer (a provider on the same machine, and the tests').
      const loopback = new URL(sso.issuer).protocol === "http:";
      // oxlint-disable-next-line typescript/no-deprecated -- deprecated only to stand out: config.ts limits it to loopback
      const execute = [oidc.enableNonRepudiationChecks, ...(loopback ? [oidc.allowInsecureRequests] : [])];
      const server = await oidc.discovery(new URL(sso.issuer), sso.clientId, sso.clientSecret, undefined, { execute });
      return { oidc, server };
    })();
    // A provider that was down is asked again on the next sign-in.
    found.catch(() => discovered.delete(sso));
    discovered.set(sso, found);
  }
  return found;
}

function configured(config: AppConfig): SsoConfig {
  if (!config.sso) throw new ApiError("sso_not_configured", "Single sign-on is not set up on this server");
  return config.sso;
}

const hashState = (state: string) => createHash("sha256").update(state).digest("base64url");

export function authOptions(config: AppConfig) {
  return { passwordLogin: config.passwordLogin, sso: config.sso ? { name: config.sso.name } : null, passkeys: config.webauthn !== null };
}

/** The provider's authorization URL; the state's row is what makes its answer acceptable, once. */
export async function startSignIn(db: Database, config: AppConfig, input: SsoStartRequest) {
  const sso = configured(config);
  const { oidc, server } = await provider(sso);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = Date.now();
  await db.prisma.$transaction([
    db.prisma.oidcSignIn.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    db.prisma.oidcSignIn.create({
      data: {
        stateHash: hashState(state),
        codeVerifier,
        nonce,
        inviteCode: input.inviteCode ?? null,
        expiresAt: new Date(now + STATE_TTL_MS),
      },
    }),
  ]);
  const url = oidc.buildAuthorizationUrl(server, {
    redirect_uri: sso.redirectUri,
    scope: sso.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { authorizationUrl: url.href };
}

/** Deleting the row is the single use: a second answer with the same state finds none. */
async function takeState(db: Database, state: string) {
  const rows = await db.prisma.$queryRaw<{ codeVerifier: string; nonce: string; inviteCode: string | null; fresh: boolean }[]>`
    DELETE FROM "OidcSignIn" WHERE "stateHash" = ${hashState(state)}
    RETURNING "codeVerifier", "nonce", "inviteCode", "expiresAt" > now() AS "fresh"`;
  const row = rows[0];
  if (!row?.fresh) {
    throw new ApiError("sso_state_invalid", "This sign-in was already used, expired or not started here: start it again", {
      field: "state",
    });
  }
  return row;
}

/** The ID token's claims, once openid-client has checked the code exchange and the token. */
async function verifiedClaims(sso: SsoConfig, input: SsoCallbackRequest, expected: { codeVerifier: string; nonce: string }) {
  const { oidc, server } = await provider(sso);
  const answer = new URL(sso.redirectUri);
  answer.search = new URLSearchParams({ code: input.code, state: input.state, ...(input.iss ? { iss: input.iss } : {}) }).toString();
  try {
    const tokens = await oidc.authorizationCodeGrant(server, answer, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: input.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error("no ID token");
    return { issuer: server.serverMetadata().issuer, claims };
  } catch (error) {
    // openid-client's message is general ("invalid response encountered"); its cause names the check that failed.
    const { message, cause } = error as Error;
    throw new ApiError("sso_failed", "The sign-in provider's answer did not check out: start the sign-in again", {
      reason: cause instanceof Error ? `${message}: ${cause.message}` : message,
    });
  }
}

const activeMemberships = { memberships: { where: { status: "active" as const } } };

/**
 * The callback: a linked identity signs in; else an account with the same email is linked
 * only if the provider verified that email; else a new account is created (with an
 * invite's pending request when the sign-in started from one). Sessions made here are
 * `oidc` sessions: no TOTP or password step follows (the provider is the authority).
 */
export async function finishSignIn(db: Database, config: AppConfig, input: SsoCallbackRequest, meta: RequestMeta) {
  const sso = configured(config);
  const started = await takeState(db, input.state);
  const { issuer, claims } = await verifiedClaims(sso, input, started);
  const linked = await db.prisma.oidcIdentity.findUnique({
    where: { issuer_subject: { issuer, subject: claims.sub } },
    include: { user: { include: activeMemberships } },
  });
  if (linked) return startSession(db, config, linked.user, meta, "oidc");

  const email = typeof claims.email === "string" ? claims.email : null;
  if (!email || claims.email_verified !== true) {
    throw new ApiError(
      "sso_email_unverified",
      "Your sign-in provider has not confirmed your email address, so it cannot sign you in here",
      {
        email,
      },
    );
  }
  const identity = { issuer, subject: claims.sub, email };
  const existing = await db.prisma.user.findUnique({ where: { emailKey: email.toLowerCase() }, include: activeMemberships });
  if (existing) {
    await db.prisma.$transaction(async (tx) => {
      const row = await tx.oidcIdentity.create({ data: { ...identity, userId: existing.id } });
      // An imported account signed in to through its provider is claimed (decision 0045).
      if (existing.awaitingClaim) await tx.user.update({ where: { id: existing.id }, data: { awaitingClaim: false } });
      await auditLinked(tx, meta, existing.id, row.id, issuer, existing.memberships[0]?.circleId ?? null);
    });
    return startSession(db, config, existing, meta, "oidc");
  }

  const username = await freeUsername(db, stringClaim(claims.preferred_username) ?? email.split("@")[0]!);
  const displayName = (stringClaim(claims.name) ?? username).slice(0, 64);
  const sessionId = newSessionId();
  const { user, ownCircleId } = await db.prisma.$transaction(async (tx) => {
    const account = { username, email, displayName, passwordHash: null, inviteCode: started.inviteCode ?? undefined };
    const created = await createAccount(tx, config, meta, account, { id: sessionId, signInMethod: "oidc" });
    const row = await tx.oidcIdentity.create({ data: { ...identity, userId: created.user.id } });
    await auditLinked(tx, meta, created.user.id, row.id, issuer, created.ownCircleId);
    return created;
  });
  return {
    token: signSessionToken(config, sessionId, user.id),
    signedIn: { person: user, circleId: ownCircleId, role: ownCircleId === null ? null : ("admin" as const) },
  };
}

const stringClaim = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

function auditLinked(tx: Prisma.TransactionClient, meta: RequestMeta, userId: number, id: number, issuer: string, circleId: number | null) {
  return recordRawAudit(tx, meta, {
    actorUserId: userId,
    subjectUserId: null,
    circleId,
    action: "user.sso_linked",
    entityType: "sso_identity",
    entityId: id,
    payload: { issuer },
  });
}

/** The provider's preferred username made to fit usernameSchema, with a number added while it is taken. */
async function freeUsername(db: Database, wanted: string) {
  const base = (wanted.toLowerCase().replace(/[^a-z0-9_.-]/g, "") || "member").slice(0, 28).padEnd(3, "0");
  const taken = new Set(
    (await db.prisma.user.findMany({ where: { username: { startsWith: base } }, select: { username: true } })).map((row) => row.username),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
}

export function listIdentities(db: Database, ctx: ActingContext) {
  return db.prisma.oidcIdentity.findMany({ where: { userId: ctx.actor.id }, orderBy: { id: "asc" } });
}

export async function unlinkIdentity(db: Database, ctx: ActingContext, id: number) {
  await db.prisma.$transaction(async (tx) => {
    const { count } = await tx.oidcIdentity.deleteMany({ where: { id, userId: ctx.actor.id } });
    if (count === 0) throw notFound("Linked sign-in");
    await recordAudit(tx, ctx, { action: "user.sso_unlinked", entityType: "sso_identity", entityId: id });
  });
}
