import {
  auditQuerySchema,
  createChildRequestSchema,
  createCircleRequestSchema,
  idParamSchema,
  joinCircleRequestSchema,
  memberSearchQuerySchema,
  setImpersonatorRequestSchema,
  setPinRequestSchema,
  setRoleRequestSchema,
  updateCircleRequestSchema,
} from "@chorus/shared";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../deps";
import { parseInput } from "../errors";
import { created, noContent, ok, type Route } from "../http/route";
import { presentAuditEvent, presentCircle, presentCircleFor, presentJoinRequest, presentMember } from "../presenters/accounts";
import { circlePolicy } from "../policies/circle";
import { choresHiddenFrom, listAudit, normaliseAuditQuery } from "../services/audit";
import { createChild, setChildPin, unlockChildPin } from "../services/children";
import * as circles from "../services/circles";

const memberParams = z.object({ userId: idParamSchema });
const joinRequestParams = z.object({ circleId: idParamSchema });

export function circleRoutes({ db, config }: AppDeps, joinRateLimit: RequestHandler): Route[] {
  return [
    {
      method: "POST",
      path: "/circles",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(createCircleRequestSchema, req.body, "body");
        circlePolicy.createCircle(ctx);
        return created(presentCircle(await circles.createCircle(db, ctx, input), true));
      },
    },
    {
      method: "GET",
      path: "/circles/current",
      auth: "user",
      handle: async ({ ctx }) => {
        const inCircle = circlePolicy.view(ctx);
        return ok(presentCircleFor(inCircle, inCircle.circle));
      },
    },
    {
      method: "PATCH",
      path: "/circles/current",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(updateCircleRequestSchema, req.body, "body");
        const admin = circlePolicy.update(ctx);
        return ok(presentCircleFor(admin, await circles.updateCircle(db, admin, input)));
      },
    },
    {
      method: "POST",
      path: "/circles/join",
      auth: "user",
      before: [joinRateLimit],
      handle: async ({ req, ctx }) => {
        const { inviteCode } = parseInput(joinCircleRequestSchema, req.body, "body");
        return ok(await circles.joinCircle(db, ctx, inviteCode));
      },
    },
    // The caller's own requests: any signed-in user, in a circle or not, so no circle policy.
    {
      method: "GET",
      path: "/circles/join",
      auth: "user",
      handle: async ({ ctx }) => {
        const requests = await circles.listJoinRequests(db, ctx);
        return ok({ requests: requests.map(presentJoinRequest) });
      },
    },
    {
      method: "DELETE",
      path: "/circles/join/:circleId",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { circleId } = parseInput(joinRequestParams, req.params, "params");
        await circles.withdrawJoinRequest(db, ctx, circleId);
        return noContent();
      },
    },
    {
      method: "GET",
      path: "/circles/current/members",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { search } = parseInput(memberSearchQuerySchema, req.query, "query");
        const inCircle = circlePolicy.view(ctx);
        const members = await circles.listMembers(db, inCircle, search, circlePolicy.seesPendingMembers(inCircle));
        return ok({ members: members.map(presentMember) });
      },
    },
    {
      method: "POST",
      path: "/circles/current/members",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(createChildRequestSchema, req.body, "body");
        return created(presentMember(await createChild(db, config, circlePolicy.addChild(ctx), input)));
      },
    },
    {
      method: "PUT",
      path: "/circles/current/members/:userId/pin",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { userId } = parseInput(memberParams, req.params, "params");
        const { pin } = parseInput(setPinRequestSchema, req.body, "body");
        return ok(presentMember(await setChildPin(db, config, circlePolicy.manageMembers(ctx), userId, pin)));
      },
    },
    {
      method: "POST",
      path: "/circles/current/members/:userId/pin/unlock",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { userId } = parseInput(memberParams, req.params, "params");
        return ok(presentMember(await unlockChildPin(db, circlePolicy.manageMembers(ctx), userId)));
      },
    },
    {
      method: "POST",
      path: "/circles/current/members/:userId/accept",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { userId } = parseInput(memberParams, req.params, "params");
        return ok(presentMember(await circles.acceptMember(db, circlePolicy.acceptMember(ctx), userId)));
      },
    },
    {
      method: "PUT",
      path: "/circles/current/members/:userId/role",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { userId } = parseInput(memberParams, req.params, "params");
        const { role } = parseInput(setRoleRequestSchema, req.body, "body");
        return ok(presentMember(await circles.setMemberRole(db, circlePolicy.manageMembers(ctx), userId, role)));
      },
    },
    {
      method: "PUT",
      path: "/circles/current/members/:userId/impersonator",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { userId } = parseInput(memberParams, req.params, "params");
        const { impersonator } = parseInput(setImpersonatorRequestSchema, req.body, "body");
        return ok(presentMember(await circles.setMemberImpersonator(db, circlePolicy.manageMembers(ctx), userId, impersonator)));
      },
    },
    {
      method: "DELETE",
      path: "/circles/current/members/:userId",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { userId } = parseInput(memberParams, req.params, "params");
        await circles.removeMember(db, circlePolicy.manageMembers(ctx), userId);
        return noContent();
      },
    },
    {
      method: "GET",
      path: "/circles/current/audit",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const query = parseInput(auditQuerySchema, req.query, "query");
        const admin = circlePolicy.readAudit(ctx);
        const page = await listAudit(db.prisma, admin.circle.id, normaliseAuditQuery(query));
        const hiddenChores = await choresHiddenFrom(db.prisma, admin, page.events);
        return ok({ events: page.events.map((event) => presentAuditEvent(event, hiddenChores)), nextCursor: page.nextCursor });
      },
    },
  ];
}
