/**
 * Rewards and their requests (docs/decisions/0026-rewards.md). Asking holds the cost: a
 * `redeemed` ledger row and one of the stock set aside, in one statement after the reward's
 * row is locked, so parallel requests can neither overdraw a balance (the membership row's
 * lock and `points >= cost`) nor take the stock below zero (the reward's lock). Declining a
 * pending request or refunding an approved one gives both back with a `refunded` row.
 */
import { MAX_ID, type CreateRewardRequest, type RewardRequestStatus, type UpdateRewardRequest } from "@chorus/shared";
import type { CircleContext } from "../context";
import type { Database } from "../db/database";
import { ApiError, forbidden, notFound } from "../errors";
import type { Reward } from "../generated/prisma/client";
import type { RewardRequestRow } from "../domain";
import { publishChange } from "../realtime/changes";
import { claimEventNotices } from "../reminders/eventNotices";
import { recordAudit } from "./audit";
import { decodeIdCursor, encodeIdCursor } from "./idCursor";
import { invalidField, type Tx } from "./chores/records";

const DEFAULT_PAGE = 50;

const invalidState = (message: string) => new ApiError("invalid_state", message);

/** `availableTo` must name active members of the circle. */
async function checkAvailableTo(tx: Tx, ctx: CircleContext, userIds: readonly number[] | undefined) {
  if (!userIds || userIds.length === 0) return;
  const found = await tx.membership.count({ where: { circleId: ctx.circle.id, status: "active", userId: { in: [...userIds] } } });
  if (found !== new Set(userIds).size) throw invalidField("availableTo", "Name active members of this circle");
}

export async function createReward(db: Database, ctx: CircleContext, input: CreateRewardRequest): Promise<Reward> {
  return db.prisma.$transaction(async (tx) => {
    await checkAvailableTo(tx, ctx, input.availableTo);
    const reward = await tx.reward.create({
      data: {
        circleId: ctx.circle.id,
        name: input.name,
        cost: input.cost,
        stock: input.stock ?? null,
        availableTo: [...new Set(input.availableTo ?? [])],
        createdById: ctx.actor.id,
      },
    });
    await recordAudit(tx, ctx, { action: "reward.created", entityType: "reward", entityId: reward.id, payload: { ...input } });
    // The hint members' screens refresh points and rewards on.
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return reward;
  });
}

export async function updateReward(db: Database, ctx: CircleContext, id: number, input: UpdateRewardRequest): Promise<Reward> {
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.reward.findFirst({ where: { id, circleId: ctx.circle.id, archivedAt: null } });
    if (!existing) throw notFound("Reward");
    await checkAvailableTo(tx, ctx, input.availableTo);
    const reward = await tx.reward.update({
      where: { id },
      data: {
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.cost === undefined ? {} : { cost: input.cost }),
        ...(input.stock === undefined ? {} : { stock: input.stock }),
        ...(input.availableTo === undefined ? {} : { availableTo: [...new Set(input.availableTo)] }),
      },
    });
    await recordAudit(tx, ctx, { action: "reward.updated", entityType: "reward", entityId: id, payload: { ...input } });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return reward;
  });
}

export async function archiveReward(db: Database, ctx: CircleContext, id: number, now = new Date()): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const { count } = await tx.reward.updateMany({ where: { id, circleId: ctx.circle.id, archivedAt: null }, data: { archivedAt: now } });
    if (count === 0) throw notFound("Reward");
    await recordAudit(tx, ctx, { action: "reward.archived", entityType: "reward", entityId: id });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
  });
}

/** Whether the reward is offered to `userId`. */
const offeredTo = (reward: Pick<Reward, "availableTo">, userId: number) =>
  reward.availableTo.length === 0 || reward.availableTo.includes(userId);

/**
 * Rewards on offer — all of them for `everything` (admins and managers), else those offered to
 * the subject — and the subject's points, so a tablet can say what they can afford.
 */
export async function listRewards(db: Database, ctx: CircleContext, everything: boolean): Promise<{ rewards: Reward[]; points: number }> {
  const [rewards, own] = await Promise.all([
    db.prisma.reward.findMany({ where: { circleId: ctx.circle.id, archivedAt: null }, orderBy: [{ cost: "asc" }, { id: "asc" }] }),
    db.prisma.membership.findUnique({
      where: { userId_circleId: { userId: ctx.subject.id, circleId: ctx.circle.id } },
      select: { points: true },
    }),
  ]);
  return { rewards: everything ? rewards : rewards.filter((reward) => offeredTo(reward, ctx.subject.id)), points: own?.points ?? 0 };
}

const requestInclude = { reward: { select: { id: true, name: true } } } as const;

/** The subject asks for a reward; its cost is held from their points until an admin or manager decides. */
export async function requestReward(db: Database, ctx: CircleContext, rewardId: number, now = new Date()): Promise<RewardRequestRow> {
  return db.prisma.$transaction(async (tx) => {
    const [reward] = await tx.$queryRaw<Reward[]>`
      SELECT * FROM "Reward" WHERE "id" = ${rewardId} AND "circleId" = ${ctx.circle.id} AND "archivedAt" IS NULL FOR UPDATE`;
    if (!reward || !offeredTo(reward, ctx.subject.id)) throw notFound("Reward");
    if (reward.stock !== null && reward.stock <= 0) throw new ApiError("out_of_stock", "None of this reward is left");
    const [row] = await tx.$queryRaw<{ id: number }[]>`
      WITH held AS (
        UPDATE "Membership" SET "points" = "points" - ${reward.cost}::int, "updatedAt" = ${now}::timestamp(3)
        WHERE "userId" = ${ctx.subject.id} AND "circleId" = ${ctx.circle.id} AND "status" = 'active' AND "points" >= ${reward.cost}::int
        RETURNING "points"
      ), request AS (
        INSERT INTO "RewardRequest" ("circleId", "rewardId", "userId", "actorUserId", "viaDeviceId", "status", "cost", "createdAt",
          "updatedAt")
        SELECT ${ctx.circle.id}::int, ${reward.id}::int, ${ctx.subject.id}::int, ${ctx.actor.id}::int, ${ctx.device?.id ?? null}::int,
          'pending', ${reward.cost}::int, ${now}::timestamp(3), ${now}::timestamp(3)
        FROM held
        RETURNING "id"
      ), ledger AS (
        INSERT INTO "PointsEntry" ("circleId", "userId", "actorUserId", "viaDeviceId", "kind", "amount", "balance", "rewardRequestId",
          "createdAt")
        SELECT ${ctx.circle.id}::int, ${ctx.subject.id}::int, ${ctx.actor.id}::int, ${ctx.device?.id ?? null}::int, 'redeemed',
          ${-reward.cost}::int, held."points", request."id", ${now}::timestamp(3)
        FROM held, request
      ), stock AS (
        UPDATE "Reward" SET "stock" = "stock" - 1, "updatedAt" = ${now}::timestamp(3)
        WHERE "id" = ${reward.id} AND "stock" IS NOT NULL AND EXISTS (SELECT 1 FROM request)
      )
      SELECT "id" FROM request`;
    if (!row) {
      const own = await tx.membership.findUnique({ where: { userId_circleId: { userId: ctx.subject.id, circleId: ctx.circle.id } } });
      throw new ApiError("insufficient_points", "Not enough points for this reward yet", { points: own?.points ?? 0, cost: reward.cost });
    }
    await recordAudit(tx, ctx, {
      action: "reward.requested",
      entityType: "reward_request",
      entityId: row.id,
      payload: { rewardId: reward.id, name: reward.name, member: ctx.subject.id, cost: reward.cost },
    });
    await claimEventNotices(tx, {
      circleId: ctx.circle.id,
      event: "reward_requested",
      subjectId: row.id,
      aboutUserIds: [ctx.subject.id, ctx.actor.id],
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return tx.rewardRequest.findUniqueOrThrow({ where: { id: row.id }, include: requestInclude });
  });
}

type Decision = "approve" | "decline" | "refund";
const FROM: Record<Decision, RewardRequestStatus> = { approve: "pending", decline: "pending", refund: "approved" };
const TO: Record<Decision, RewardRequestStatus> = { approve: "approved", decline: "declined", refund: "refunded" };

/**
 * An admin's or manager's decision on a request. Declining and refunding give back the points
 * and the stock; nobody approves or refunds their own request.
 */
export async function decideRewardRequest(
  db: Database,
  ctx: CircleContext,
  id: number,
  decision: Decision,
  note: string | undefined,
  now = new Date(),
): Promise<RewardRequestRow> {
  return db.prisma.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<{ id: number; userId: number; status: RewardRequestStatus; cost: number; rewardId: number }[]>`
      SELECT "id", "userId", "status"::text AS "status", "cost", "rewardId" FROM "RewardRequest"
      WHERE "id" = ${id} AND "circleId" = ${ctx.circle.id} FOR UPDATE`;
    if (!request) throw notFound("Reward request");
    if (decision !== "decline" && request.userId === ctx.actor.id) throw forbidden("Someone else decides on your own reward requests");
    if (request.status !== FROM[decision]) {
      throw invalidState(`Only ${FROM[decision]} requests can be ${TO[decision]}; this one is ${request.status}`);
    }
    if (decision !== "approve") {
      const [returned] = await tx.$queryRaw<{ id: number }[]>`
        WITH returned AS (
          UPDATE "Membership" SET "points" = "points" + ${request.cost}::int, "updatedAt" = ${now}::timestamp(3)
          WHERE "userId" = ${request.userId} AND "circleId" = ${ctx.circle.id} AND "status" = 'active'
            AND "points"::bigint + ${request.cost}::int <= ${MAX_ID}
          RETURNING "points"
        ), stock AS (
          UPDATE "Reward" SET "stock" = "stock" + 1, "updatedAt" = ${now}::timestamp(3)
          WHERE "id" = ${request.rewardId} AND "stock" IS NOT NULL AND EXISTS (SELECT 1 FROM returned)
        )
        INSERT INTO "PointsEntry" ("circleId", "userId", "actorUserId", "viaDeviceId", "kind", "amount", "balance", "rewardRequestId",
          "reason", "createdAt")
        SELECT ${ctx.circle.id}::int, ${request.userId}::int, ${ctx.actor.id}::int, NULL, 'refunded', ${request.cost}::int, "points",
          ${request.id}::int, ${note ?? null}::text, ${now}::timestamp(3)
        FROM returned
        RETURNING "id"`;
      if (!returned) throw invalidState("That member is no longer in the circle; their points cannot be given back here");
    }
    const updated = await tx.rewardRequest.update({
      where: { id },
      data: { status: TO[decision], decidedById: ctx.actor.id, decidedAt: now, decisionNote: note ?? null },
      include: requestInclude,
    });
    await recordAudit(tx, ctx, {
      action: `reward.${TO[decision]}`,
      entityType: "reward_request",
      entityId: id,
      payload: { rewardId: request.rewardId, member: request.userId, cost: request.cost, note: note ?? null },
    });
    await publishChange(tx, { type: "members", circleIds: [ctx.circle.id] });
    return updated;
  });
}

/** Requests newest first: the circle's for `everyone` (admins and managers), else the subject's own. */
export async function listRewardRequests(
  db: Database,
  ctx: CircleContext,
  everyone: boolean,
  page: { status?: RewardRequestStatus | undefined; before?: string | undefined; limit?: number | undefined },
) {
  const before = page.before === undefined ? null : decodeIdCursor(page.before);
  const limit = page.limit ?? DEFAULT_PAGE;
  const rows = await db.prisma.rewardRequest.findMany({
    where: {
      circleId: ctx.circle.id,
      ...(everyone ? {} : { userId: ctx.subject.id }),
      ...(page.status ? { status: page.status } : {}),
      ...(before === null ? {} : { id: { lt: before } }),
    },
    include: requestInclude,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const requests = rows.slice(0, limit);
  return { requests, nextCursor: rows.length > limit ? encodeIdCursor(requests[requests.length - 1]!.id) : null };
}
