/**
 * Children's accounts: created by an admin or manager straight into their circle, with
 * a username and no email. A child signs in with a PIN (or a password) on a family
 * device, or just taps their tile on a shared tablet. Only admins reset a child's PIN.
 */
import type { CreateChildRequest } from "@chorus/shared";
import type { AppConfig } from "../config";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import { isUniqueViolation } from "../db/uniqueViolation";
import type { Prisma } from "../generated/prisma/client";
import { ApiError, conflict, notFound } from "../errors";
import { recordAudit } from "./audit";
import { hashPassword } from "./credentials";

const usernameTaken = () => conflict("That username is already taken", { field: "username" });

export async function createChild(db: Database, config: AppConfig, ctx: CircleContext, input: CreateChildRequest) {
  if (await db.prisma.user.findUnique({ where: { username: input.username }, select: { id: true } })) throw usernameTaken();
  const [passwordHash, pinHash] = await Promise.all([
    input.password === undefined ? null : hashPassword(input.password, config),
    input.pin === undefined ? null : hashPassword(input.pin, config),
  ]);
  try {
    return await db.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          username: input.username,
          email: null,
          emailKey: null,
          displayName: input.displayName,
          passwordHash,
          pinHash,
          timezone: ctx.circle.timezone,
        },
      });
      const membership = await tx.membership.create({
        data: { userId: user.id, circleId: ctx.circle.id, role: "member", status: "active", impersonator: false },
        include: { user: true },
      });
      await recordAudit(tx, ctx, {
        action: "member.child_created",
        entityType: "user",
        entityId: user.id,
        payload: { username: user.username, pin: pinHash !== null, password: passwordHash !== null },
      });
      return membership;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken();
    throw error;
  }
}

/** Sets a child's PIN and lifts any lock; adults' accounts are theirs alone. */
export async function setChildPin(db: Database, config: AppConfig, ctx: CircleContext, userId: number, pin: string) {
  const pinHash = await hashPassword(pin, config);
  return db.prisma.$transaction(async (tx) => {
    const membership = await findChild(tx, ctx, userId, "has a PIN an admin can set");
    await tx.user.update({ where: { id: userId }, data: { pinHash, pinFailures: 0, pinLockedUntil: null } });
    await recordAudit(tx, ctx, { action: "member.pin_reset", entityType: "user", entityId: userId });
    return membership;
  });
}

/**
 * Lifts the lock wrong PINs put on a child's account, keeping the PIN. Only children's:
 * unlocking an adult's PIN again and again would let an admin guess it.
 */
export async function unlockChildPin(db: Database, ctx: CircleContext, userId: number) {
  return db.prisma.$transaction(async (tx) => {
    const membership = await findChild(tx, ctx, userId, "has a PIN lock an admin can lift");
    const wasLockedUntil = membership.user.pinLockedUntil;
    const user = await tx.user.update({ where: { id: userId }, data: { pinFailures: 0, pinLockedUntil: null } });
    await recordAudit(tx, ctx, {
      action: "member.pin_unlocked",
      entityType: "user",
      entityId: userId,
      payload: { wasLockedUntil: wasLockedUntil && wasLockedUntil > new Date() ? wasLockedUntil.toISOString() : null },
    });
    return { ...membership, user };
  });
}

/** The active child's account in the caller's circle: 404 outside it, 403 for an adult's. */
async function findChild(tx: Prisma.TransactionClient, ctx: CircleContext, userId: number, what: string) {
  const membership = await tx.membership.findUnique({
    where: { userId_circleId: { userId, circleId: ctx.circle.id } },
    include: { user: true },
  });
  if (!membership || membership.status !== "active") throw notFound("Member");
  if (membership.user.email !== null) throw new ApiError("forbidden", `Only a child's account (one without an email) ${what}`);
  return membership;
}
