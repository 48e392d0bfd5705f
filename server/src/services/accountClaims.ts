/**
 * Claiming an imported account (docs/decisions/0045-account-claims.md). A circle import makes
 * accounts without a password; an admin of their circle makes a one-time link for one, and the
 * person opens it, chooses a password and is signed in. Only accounts still awaiting their claim
 * and with no other way to sign in qualify, so a link can never take over someone's account.
 */
import { createHash, randomBytes } from "node:crypto";
import type { ClaimAccountRequest } from "@chorus/shared";
import type { AppConfig } from "../config";
import type { CircleContext, RequestMeta } from "../context";
import type { Database } from "../db/database";
import { ApiError, notFound } from "../errors";
import { assertPasswordLogin, userForSignIn } from "./accounts";
import { recordAudit, recordRawAudit } from "./audit";
import { hashPassword } from "./credentials";

const CLAIM_LINK_DAYS = 7;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const notAwaitingClaim = () =>
  new ApiError("not_awaiting_claim", "This account already has a way to sign in, or did not come from a circle import");

/** A new link for an active member of the admin's circle awaiting their claim; it replaces any earlier one. */
export async function createClaimLink(db: Database, ctx: CircleContext, userId: number, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + CLAIM_LINK_DAYS * 86_400_000);
  await db.prisma.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_circleId: { userId, circleId: ctx.circle.id } },
      include: { user: { include: { _count: { select: { oidcIdentities: true, passkeys: true } } } } },
    });
    if (!membership || membership.status !== "active") throw notFound("Member");
    const { user } = membership;
    if (!user.awaitingClaim || user.passwordHash !== null || user._count.oidcIdentities > 0 || user._count.passkeys > 0) {
      throw notAwaitingClaim();
    }
    await tx.accountClaim.deleteMany({ where: { userId } });
    await tx.accountClaim.create({ data: { tokenHash: hashToken(token), userId, createdById: ctx.actor.id, expiresAt } });
    await recordAudit(tx, ctx, { action: "member.claim_link_created", entityType: "user", entityId: userId });
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

/**
 * The link's person chooses a password: the link is used up in the statement that checks it, so
 * two tabs opening it at once claim the account once; the second gets `claim_link_invalid`.
 * Returns the person to sign in, as login() does (a second step may follow).
 */
export async function claimAccount(db: Database, config: AppConfig, input: ClaimAccountRequest, meta: RequestMeta) {
  assertPasswordLogin(config);
  const passwordHash = await hashPassword(input.password, config);
  const userId = await db.prisma.$transaction(async (tx) => {
    const [claim] = await tx.$queryRaw<{ userId: number }[]>`
      DELETE FROM "AccountClaim" WHERE "tokenHash" = ${hashToken(input.token)} AND "expiresAt" > now() RETURNING "userId"`;
    if (!claim) throw new ApiError("claim_link_invalid", "This link is not valid any more: ask an admin of your circle for a new one");
    const { count } = await tx.user.updateMany({
      where: { id: claim.userId, awaitingClaim: true, passwordHash: null },
      data: { passwordHash, awaitingClaim: false },
    });
    if (count === 0) throw notAwaitingClaim();
    const membership = await tx.membership.findFirst({ where: { userId: claim.userId, status: "active" }, select: { circleId: true } });
    const actor = { actorUserId: claim.userId, subjectUserId: null, entityType: "user", entityId: claim.userId };
    await recordRawAudit(tx, meta, { ...actor, circleId: membership?.circleId ?? null, action: "user.claimed" });
    return claim.userId;
  });
  return userForSignIn(db, userId);
}
