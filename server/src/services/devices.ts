/**
 * Shared tablets: an admin creates one (its token shown once), lists and revokes them.
 * Revoked devices stay in the table so history can still say "via Kitchen tablet".
 */
import type { CreateDeviceRequest } from "@chorus/shared";
import type { CircleContext, CircleRef, DeviceRef } from "../context";
import type { Database } from "../db/database";
import { notFound } from "../errors";
import { recordAudit } from "./audit";
import { newDeviceToken } from "./credentials";

export async function createDevice(db: Database, ctx: CircleContext, input: CreateDeviceRequest) {
  const { token, tokenHash } = newDeviceToken();
  const device = await db.prisma.$transaction(async (tx) => {
    const device = await tx.device.create({ data: { circleId: ctx.circle.id, name: input.name, tokenHash, createdById: ctx.actor.id } });
    await recordAudit(tx, ctx, { action: "device.created", entityType: "device", entityId: device.id, payload: { name: device.name } });
    return device;
  });
  return { device, token };
}

export function listDevices(db: Database, ctx: CircleContext) {
  return db.prisma.device.findMany({ where: { circleId: ctx.circle.id, revokedAt: null }, orderBy: { id: "asc" } });
}

export async function revokeDevice(db: Database, ctx: CircleContext, deviceId: number) {
  await db.prisma.$transaction(async (tx) => {
    const { count } = await tx.device.updateMany({
      where: { id: deviceId, circleId: ctx.circle.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Device");
    await recordAudit(tx, ctx, { action: "device.revoked", entityType: "device", entityId: deviceId });
  });
}

/** What the tablet shows before anyone is picked: the circle's active members, as tiles. */
export async function tabletView(db: Database, device: DeviceRef, circle: CircleRef) {
  const memberships = await db.prisma.membership.findMany({
    where: { circleId: circle.id, status: "active" },
    select: { userId: true, user: { select: { displayName: true, pinHash: true } } },
    orderBy: { user: { displayName: "asc" } },
  });
  return {
    device: { id: device.id, name: device.name },
    circle: { id: circle.id, name: circle.name, timezone: circle.timezone },
    members: memberships.map(({ userId, user }) => ({ userId, displayName: user.displayName, hasPin: user.pinHash !== null })),
  };
}
