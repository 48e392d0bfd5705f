/**
 * Sign-up, sign-in, sign-out and API tokens.
 */
import type { CreateApiTokenRequest, LoginRequest, PinLoginRequest, SignInMethod, SignupRequest } from "@chorus/shared";
import type { AppConfig } from "../config";
import type { ActingContext, RequestMeta } from "../context";
import type { Database } from "../db/database";
import { ApiError, conflict, notFound } from "../errors";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { endOpenSessions } from "../acting/impersonationSessions";
import { recordAudit, recordRawAudit } from "./audit";
import { publishChange } from "../realtime/changes";
import { lockInvitedCircle } from "./circles";
import { checkPin, pinLocked } from "./pins";
import { hashPassword, newApiToken, newInviteCode, newSessionId, signSessionToken, verifyPassword } from "./credentials";

async function assertIdentityFree(db: PrismaClient, input: { username: string; email: string; phone?: string | undefined }) {
  const taken = await db.user.findFirst({
    where: {
      OR: [{ username: input.username }, { emailKey: input.email.toLowerCase() }, ...(input.phone ? [{ phone: input.phone }] : [])],
    },
    select: { username: true, emailKey: true, phone: true },
  });
  if (!taken) return;
  const field = taken.username === input.username ? "username" : taken.emailKey === input.email.toLowerCase() ? "email" : "phone";
  throw conflict(`That ${field} is already taken`, { field });
}

/**
 * A new account with its own circle (as its admin), or — signing up from an invite link —
 * with a pending request to join that circle and no circle of its own until an admin or
 * manager there accepts it (docs/decisions/0013-onboarding.md). An unknown invite code
 * creates nothing.
 */
export async function signup(db: Database, config: AppConfig, input: SignupRequest, meta: RequestMeta) {
  assertPasswordLogin(config);
  await assertIdentityFree(db.prisma, input);
  const passwordHash = await hashPassword(input.password, config);
  const sessionId = newSessionId();
  const { user, ownCircleId } = await db.prisma.$transaction((tx) =>
    createAccount(tx, config, meta, { ...input, passwordHash }, { id: sessionId, signInMethod: "password" }),
  );
  return {
    token: signSessionToken(config, sessionId, user.id),
    signedIn: { person: user, circleId: ownCircleId, role: ownCircleId === null ? null : ("admin" as const) },
  };
}

/** PASSWORD_LOGIN=off (decision 0040): password sign-in and sign-up are refused; children's PIN sign-in is not. */
export function assertPasswordLogin(config: AppConfig) {
  if (!config.passwordLogin) throw new ApiError("password_login_disabled", "This server signs in only through single sign-on");
}

type NewAccount = Omit<SignupRequest, "password"> & { passwordHash: string | null };

/** Sign-up's writes, shared with single sign-on's new accounts (decision 0040); the caller holds the transaction. */
export async function createAccount(
  tx: Prisma.TransactionClient,
  config: AppConfig,
  meta: RequestMeta,
  input: NewAccount,
  session: { id: string; signInMethod: SignInMethod },
) {
  const displayName = input.displayName ?? input.username;
  const timezone = input.timezone ?? "UTC";
  const invitedTo = input.inviteCode ? await lockInvitedCircle(tx, input.inviteCode) : null;
  const user = await tx.user.create({
    data: {
      username: input.username,
      email: input.email,
      emailKey: input.email.toLowerCase(),
      phone: input.phone ?? null,
      displayName,
      passwordHash: input.passwordHash,
      timezone,
    },
  });
  let ownCircleId: number | null = null;
  if (invitedTo) {
    await tx.membership.create({ data: { userId: user.id, circleId: invitedTo.id, role: "member", status: "pending" } });
  } else {
    const circle = await tx.circle.create({
      data: { name: `${displayName}'s circle`.slice(0, 64), inviteCode: newInviteCode(), timezone },
    });
    await tx.membership.create({
      data: { userId: user.id, circleId: circle.id, role: "admin", status: "active", impersonator: true },
    });
    ownCircleId = circle.id;
  }
  await tx.session.create({ data: sessionExpiry(config, session.id, user.id, meta, session.signInMethod) });
  const actor = { actorUserId: user.id, subjectUserId: null, entityType: "user", entityId: user.id };
  await recordRawAudit(tx, meta, { ...actor, circleId: ownCircleId, action: "user.signed_up" });
  if (invitedTo) {
    await recordRawAudit(tx, meta, { ...actor, circleId: invitedTo.id, action: "member.join_requested" });
    await publishChange(tx, { type: "members", circleIds: [invitedTo.id] });
  }
  return { user, ownCircleId };
}

function sessionExpiry(config: AppConfig, id: string, userId: number, meta: RequestMeta, signInMethod: SignInMethod = "password") {
  return {
    id,
    userId,
    signInMethod,
    expiresAt: new Date(Date.now() + config.sessionTtlHours * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}

export async function login(db: Database, config: AppConfig, input: LoginRequest) {
  assertPasswordLogin(config);
  const login = input.login.trim();
  const user = await db.prisma.user.findFirst({
    // Usernames are stored lower-cased (usernameSchema), so both kinds of login match in any case.
    where: login.includes("@") ? { emailKey: login.toLowerCase() } : { username: login.toLowerCase() },
    include: { memberships: { where: { status: "active" } } },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password, config);
  if (!user || !valid) throw new ApiError("invalid_credentials", "Wrong username, email or password");
  return user;
}

/**
 * A child signs in on a family device with username and PIN. Every attempt counts towards
 * the lock before the PIN is checked; an unknown username or one without a PIN gets the
 * same answers as a wrong PIN, locking included.
 */
export async function pinLogin(db: Database, config: AppConfig, input: PinLoginRequest, meta: RequestMeta) {
  // Usernames are stored lower-cased (usernameSchema), so any case matches, as in login().
  const username = input.username.trim().toLowerCase();
  const user = await db.prisma.user.findUnique({ where: { username }, include: { memberships: { where: { status: "active" } } } });
  const target = user?.pinHash ? { account: { id: user.id, pinHash: user.pinHash } } : { username };
  const outcome = await checkPin(db.prisma, config, target, input.pin, { request: meta, circleId: user?.memberships[0]?.circleId ?? null });
  if (outcome.result === "locked") throw pinLocked(outcome.lockedUntil);
  if (!user || outcome.result !== "ok") throw new ApiError("invalid_credentials", "Wrong username or PIN");
  return user;
}

/** The person a second step (decision 0041) or a passkey signs in, as login() finds them. */
export function userForSignIn(db: Database, userId: number) {
  return db.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { where: { status: "active" } } } });
}

/** `signInMethod` is the secret a step-up asks for again (decision 0020). */
export async function startSession(
  db: Database,
  config: AppConfig,
  user: Awaited<ReturnType<typeof login>>,
  meta: RequestMeta,
  signInMethod: SignInMethod,
) {
  const sessionId = newSessionId();
  await db.prisma.session.create({ data: sessionExpiry(config, sessionId, user.id, meta, signInMethod) });
  const membership = user.memberships[0] ?? null;
  return {
    token: signSessionToken(config, sessionId, user.id),
    signedIn: { person: user, circleId: membership?.circleId ?? null, role: membership?.role ?? null },
  };
}

/** Kills the credential this request came with: its session, or its API token. */
export async function logout(db: Database, ctx: ActingContext) {
  await db.prisma.$transaction(async (tx) => {
    if (ctx.sessionId) await tx.session.update({ where: { id: ctx.sessionId }, data: { revokedAt: new Date() } });
    await endOpenSessions(tx, ctx, "signed_out");
    if (ctx.apiTokenId) await tx.apiToken.delete({ where: { id: ctx.apiTokenId } });
    await recordAudit(tx, ctx, { action: "user.logged_out", entityType: "user", entityId: ctx.actor.id });
  });
}

export async function createApiToken(db: Database, ctx: ActingContext, input: CreateApiTokenRequest) {
  const { token, tokenHash } = newApiToken();
  const row = await db.prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { userId: ctx.actor.id, name: input.name, tokenHash } });
    await recordAudit(tx, ctx, { action: "api_token.created", entityType: "api_token", entityId: row.id });
    return row;
  });
  return { id: row.id, name: row.name, token };
}

export function listApiTokens(db: Database, ctx: ActingContext) {
  return db.prisma.apiToken.findMany({ where: { userId: ctx.actor.id }, orderBy: { id: "asc" } });
}

export async function revokeApiToken(db: Database, ctx: ActingContext, tokenId: number) {
  await db.prisma.$transaction(async (tx) => {
    const { count } = await tx.apiToken.deleteMany({ where: { id: tokenId, userId: ctx.actor.id } });
    if (count === 0) throw notFound("API token");
    await recordAudit(tx, ctx, { action: "api_token.revoked", entityType: "api_token", entityId: tokenId });
  });
}
