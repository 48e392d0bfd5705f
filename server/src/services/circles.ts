/**
 * Circles and memberships: create, settings, join by invite code, accept, roles, the
 * impersonator flag, removal. A circle always keeps at least one active admin, and a
 * user is active in one circle at a time.
 *
 * Every membership change first locks the rows of the circles it touches
 * (`lockCircles`), so changes to one circle run one after the other on every database
 * and each sees the others' results: no interleaving can leave a circle with members
 * and no admin.
 */
import type { CreateCircleRequest, Role, UpdateCircleRequest } from "@chorus/shared";
import type { ActingContext, CircleContext } from "../context";
import type { Database } from "../db/database";
import { ApiError, conflict, notFound } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { circlePolicy } from "../policies/circle";
import { recordAudit } from "./audit";
import { detachMemberFromChores } from "./choreAssignees";
import { newInviteCode } from "./credentials";
import { factorsOf } from "./mfa";
import { publishChange } from "../realtime/changes";

type Tx = Prisma.TransactionClient;

/**
 * The impersonator flag after a role change: on by default when someone rises from member
 * to a role that may impersonate, off for members, and otherwise what an admin last set.
 */
function impersonatorAfterRoleChange(from: Role, to: Role, current: boolean): boolean {
  if (to === "member") return false;
  return from === "member" ? true : current;
}

export async function createCircle(db: Database, ctx: ActingContext, input: CreateCircleRequest) {
  return db.prisma.$transaction(async (tx) => {
    if (await tx.membership.findFirst({ where: { userId: ctx.actor.id, status: "active" } })) {
      throw conflict("You are already in a circle; a user is in one circle at a time");
    }
    const circle = await tx.circle.create({
      data: { name: input.name, timezone: input.timezone ?? ctx.actor.timezone, inviteCode: newInviteCode() },
    });
    await tx.membership.create({
      data: { userId: ctx.actor.id, circleId: circle.id, role: "admin", status: "active", impersonator: true },
    });
    await recordAudit(tx, ctx, { action: "circle.created", entityType: "circle", entityId: circle.id }, circle.id);
    await publishChange(tx, { type: "circle", circleIds: [circle.id], userIds: [ctx.actor.id] });
    return circle;
  });
}

/**
 * Locks the circles' rows until the transaction ends, always in ascending id order so two
 * changes never wait on each other in a cycle. Returns the ids that still exist.
 */
async function lockCircles(tx: Tx, circleIds: readonly (number | null | undefined)[]): Promise<Set<number>> {
  const ids = [...new Set(circleIds.filter((id): id is number => typeof id === "number"))].sort((a, b) => a - b);
  if (ids.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Circle" WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR UPDATE`;
  return new Set(rows.map((row) => row.id));
}

/**
 * Locks the acting circle (and any `others` the change touches), then asks `policy` again
 * with the caller's role as it is now: a change that committed while this request waited
 * may have demoted the caller or moved them out.
 */
async function lockAsCaller(
  tx: Tx,
  ctx: CircleContext,
  policy: (ctx: ActingContext) => CircleContext,
  others: readonly (number | null | undefined)[] = [],
): Promise<CircleContext> {
  await lockCircles(tx, [ctx.circle.id, ...others]);
  const own = await tx.membership.findUnique({ where: { userId_circleId: { userId: ctx.subject.id, circleId: ctx.circle.id } } });
  const role = own?.status === "active" ? own.role : null;
  return policy({ ...ctx, role });
}

export async function updateCircle(db: Database, ctx: CircleContext, input: UpdateCircleRequest) {
  const requiringMfa = input.mfaRequiredForAdmins === true && !ctx.circle.mfaRequiredForAdmins;
  // The admin who turns it on must not lock themselves out (decision 0041).
  if (requiringMfa) {
    const factors = await factorsOf(db.prisma, ctx.actor.id);
    if (!factors.totp && factors.passkeys === 0) {
      throw new ApiError("mfa_not_enrolled", "Set up two-step sign-in for yourself before requiring it of admins");
    }
  }
  return db.prisma.$transaction(async (tx) => {
    const circle = await tx.circle.update({ where: { id: ctx.circle.id }, data: input });
    // Admins without a second step sign in again, and are then made to enrol.
    const signedOut = requiringMfa ? await revokeSessionsOfAdminsWithoutMfa(tx, circle.id) : 0;
    await recordAudit(tx, ctx, {
      action: "circle.updated",
      entityType: "circle",
      entityId: circle.id,
      payload: { changes: input, ...(requiringMfa ? { adminSessionsEnded: signedOut } : {}) },
    });
    await publishChange(tx, { type: "circle", circleIds: [circle.id] });
    return circle;
  });
}

function revokeSessionsOfAdminsWithoutMfa(tx: Tx, circleId: number): Promise<number> {
  return tx.$executeRaw`
    UPDATE "Session" s SET "revokedAt" = ${new Date()}
    FROM "Membership" m
    WHERE m."userId" = s."userId" AND m."circleId" = ${circleId} AND m."role" = 'admin' AND m."status" = 'active'
      AND s."revokedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "TotpFactor" t WHERE t."userId" = s."userId" AND t."confirmedAt" IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM "Passkey" p WHERE p."userId" = s."userId")`;
}

/**
 * The circle `inviteCode` belongs to, locked so it cannot be deleted (its last member
 * leaving) under a new join request.
 */
export async function lockInvitedCircle(tx: Tx, inviteCode: string) {
  const circle = await tx.circle.findUnique({ where: { inviteCode } });
  if (!circle || !(await lockCircles(tx, [circle.id])).has(circle.id)) throw notFound("Circle with that invite code");
  return circle;
}

/** An invite link's join screen names the circle; nothing else about it is revealed. */
export async function lookupInvite(db: Database, inviteCode: string) {
  const circle = await db.prisma.circle.findUnique({ where: { inviteCode }, select: { name: true } });
  if (!circle) throw notFound("Circle with that invite code");
  return { circleName: circle.name };
}

export async function joinCircle(db: Database, ctx: ActingContext, inviteCode: string) {
  return db.prisma.$transaction(async (tx) => {
    const circle = await lockInvitedCircle(tx, inviteCode);
    const existing = await tx.membership.findUnique({ where: { userId_circleId: { userId: ctx.actor.id, circleId: circle.id } } });
    if (existing?.status === "active") throw conflict("You are already a member of that circle");
    if (!existing) {
      await tx.membership.create({ data: { userId: ctx.actor.id, circleId: circle.id, role: "member", status: "pending" } });
      await recordAudit(tx, ctx, { action: "member.join_requested", entityType: "user", entityId: ctx.actor.id }, circle.id);
      await publishChange(tx, { type: "members", circleIds: [circle.id] });
    }
    return { circleId: circle.id, status: "pending" as const };
  });
}

/** The caller's own pending join requests, newest first. */
export async function listJoinRequests(db: Database, ctx: ActingContext) {
  return db.prisma.membership.findMany({
    where: { userId: ctx.actor.id, status: "pending" },
    include: { circle: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** Withdraws the caller's pending request to `circleId`; active memberships are never touched. */
export async function withdrawJoinRequest(db: Database, ctx: ActingContext, circleId: number) {
  await db.prisma.$transaction(async (tx) => {
    await lockCircles(tx, [circleId]);
    // Conditional delete rather than read-then-delete: a concurrent accept or withdrawal
    // leaves nothing pending to match, which is a clean 404 instead of a failed delete.
    const { count } = await tx.membership.deleteMany({ where: { userId: ctx.actor.id, circleId, status: "pending" } });
    if (count === 0) throw notFound("Pending join request");
    await recordAudit(tx, ctx, { action: "member.join_withdrawn", entityType: "user", entityId: ctx.actor.id }, circleId);
    await publishChange(tx, { type: "members", circleIds: [circleId] });
  });
}

export async function listMembers(db: Database, ctx: CircleContext, search: string | undefined, includePending: boolean) {
  const term = search?.trim();
  return db.prisma.membership.findMany({
    where: {
      circleId: ctx.circle.id,
      ...(includePending ? {} : { status: "active" }),
      ...(term
        ? {
            user: {
              OR: [
                { username: { contains: term, mode: "insensitive" } },
                { displayName: { contains: term, mode: "insensitive" } },
                { email: { contains: term, mode: "insensitive" } },
              ],
            },
          }
        : {}),
    },
    include: { user: true },
    orderBy: [{ status: "asc" }, { role: "asc" }, { user: { displayName: "asc" } }],
  });
}

async function requireMembership(tx: Tx, circleId: number, userId: number, status: "active" | "pending") {
  const membership = await tx.membership.findUnique({ where: { userId_circleId: { userId, circleId } } });
  if (!membership || membership.status !== status) {
    throw notFound(status === "pending" ? "Pending join request" : "Member");
  }
  return membership;
}

/** Whether `userId` is the only active admin; callers hold the circle's lock. */
async function isLastAdmin(tx: Tx, circleId: number, userId: number): Promise<boolean> {
  const admins = await tx.membership.findMany({ where: { circleId, role: "admin", status: "active" }, select: { userId: true } });
  return admins.length === 1 && admins[0]!.userId === userId;
}

const lastAdmin = () => new ApiError("last_admin", "A circle must keep at least one admin; make someone else admin first");

/** Takes a user out of a circle: membership, chore assignments, and the circle itself if it empties. */
async function leaveCircle(tx: Tx, circleId: number, userId: number) {
  await tx.membership.delete({ where: { userId_circleId: { userId, circleId } } });
  await detachMemberFromChores(tx, circleId, userId);
  const remaining = await tx.membership.count({ where: { circleId, status: "active" } });
  if (remaining === 0) await tx.circle.delete({ where: { id: circleId } });
}

export async function acceptMember(db: Database, caller: CircleContext, userId: number) {
  return db.prisma.$transaction(async (tx) => {
    const seen = await tx.membership.findFirst({ where: { userId, status: "active" } });
    const ctx = await lockAsCaller(tx, caller, circlePolicy.acceptMember, [seen?.circleId]);
    await requireMembership(tx, ctx.circle.id, userId, "pending");
    const previous = await tx.membership.findFirst({ where: { userId, status: "active" } });
    // They moved while we waited for the locks: their new circle is not locked; start over.
    if (previous?.circleId !== seen?.circleId) throw conflict("That user changed circles just now; try again");
    if (previous) {
      const othersInPrevious = await tx.membership.count({
        where: { circleId: previous.circleId, status: "active", userId: { not: userId } },
      });
      if (othersInPrevious > 0 && (await isLastAdmin(tx, previous.circleId, userId))) {
        throw new ApiError("last_admin", "That user is the last admin of their current circle; they must hand it over before moving");
      }
      await leaveCircle(tx, previous.circleId, userId);
    }
    // Other pending requests go: an old request must not move the user again later.
    await tx.membership.deleteMany({ where: { userId, status: "pending", circleId: { not: ctx.circle.id } } });
    // Someone coming back finds the points they left with: the balance is their ledger's sum (decision 0025).
    const ledger = await tx.pointsEntry.aggregate({ _sum: { amount: true }, where: { circleId: ctx.circle.id, userId } });
    const membership = await tx.membership.update({
      where: { userId_circleId: { userId, circleId: ctx.circle.id } },
      data: { status: "active", role: "member", impersonator: false, points: ledger._sum.amount ?? 0 },
      include: { user: true },
    });
    await recordAudit(tx, ctx, { action: "member.accepted", entityType: "user", entityId: userId });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id, ...(previous ? [previous.circleId] : [])], userIds: [userId] });
    return membership;
  });
}

export async function setMemberRole(db: Database, caller: CircleContext, userId: number, role: Role) {
  return db.prisma.$transaction(async (tx) => {
    const ctx = await lockAsCaller(tx, caller, circlePolicy.manageMembers);
    const current = await requireMembership(tx, ctx.circle.id, userId, "active");
    if (current.role === "admin" && role !== "admin" && (await isLastAdmin(tx, ctx.circle.id, userId))) throw lastAdmin();
    const impersonator = impersonatorAfterRoleChange(current.role, role, current.impersonator);
    const membership = await tx.membership.update({
      where: { id: current.id },
      data: { role, impersonator },
      include: { user: true },
    });
    await recordAudit(tx, ctx, {
      action: "member.role_changed",
      entityType: "user",
      entityId: userId,
      payload: { from: current.role, to: role, impersonator },
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return membership;
  });
}

export async function setMemberImpersonator(db: Database, caller: CircleContext, userId: number, impersonator: boolean) {
  return db.prisma.$transaction(async (tx) => {
    const ctx = await lockAsCaller(tx, caller, circlePolicy.manageMembers);
    const current = await requireMembership(tx, ctx.circle.id, userId, "active");
    const membership = await tx.membership.update({ where: { id: current.id }, data: { impersonator }, include: { user: true } });
    await recordAudit(tx, ctx, {
      action: "member.impersonator_changed",
      entityType: "user",
      entityId: userId,
      payload: { impersonator },
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return membership;
  });
}

/** Removes an active member or declines a pending request. */
export async function removeMember(db: Database, caller: CircleContext, userId: number) {
  await db.prisma.$transaction(async (tx) => {
    const ctx = await lockAsCaller(tx, caller, circlePolicy.manageMembers);
    const membership = await tx.membership.findUnique({ where: { userId_circleId: { userId, circleId: ctx.circle.id } } });
    if (!membership) throw notFound("Member");
    if (membership.status === "active" && membership.role === "admin" && (await isLastAdmin(tx, ctx.circle.id, userId))) {
      throw lastAdmin();
    }
    await recordAudit(tx, ctx, {
      action: membership.status === "pending" ? "member.request_declined" : "member.removed",
      entityType: "user",
      entityId: userId,
    });
    if (membership.status === "pending") await tx.membership.delete({ where: { id: membership.id } });
    else await leaveCircle(tx, ctx.circle.id, userId);
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id], userIds: [userId] });
  });
}
