import {
  createApiTokenRequestSchema,
  idParamSchema,
  loginRequestSchema,
  pinLoginRequestSchema,
  signupRequestSchema,
} from "@chorus/shared";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../deps";
import { parseInput } from "../errors";
import { created, noContent, ok, type Route } from "../http/route";
import { accountPolicy } from "../policies/accounts";
import { presentApiToken, presentUser } from "../presenters/accounts";
import * as accounts from "../services/accounts";

const tokenParams = z.object({ id: idParamSchema });

export function accountRoutes({ db, config }: AppDeps, authRateLimit: RequestHandler): Route[] {
  return [
    {
      method: "POST",
      path: "/auth/signup",
      auth: "public",
      before: [authRateLimit],
      handle: async ({ req, meta }) => created(await accounts.signup(db, config, parseInput(signupRequestSchema, req.body, "body"), meta)),
    },
    {
      method: "POST",
      path: "/auth/login",
      auth: "public",
      before: [authRateLimit],
      handle: async ({ req, meta }) => {
        const user = await accounts.login(db, config, parseInput(loginRequestSchema, req.body, "body"));
        return ok(await accounts.startSession(db, config, user, meta));
      },
    },
    {
      method: "POST",
      path: "/auth/pin-login",
      auth: "public",
      before: [authRateLimit],
      handle: async ({ req, meta }) => {
        const user = await accounts.pinLogin(db, config, parseInput(pinLoginRequestSchema, req.body, "body"), meta);
        return ok(await accounts.startSession(db, config, user, meta));
      },
    },
    {
      method: "POST",
      path: "/auth/logout",
      auth: "user",
      handle: async ({ ctx }) => {
        await accounts.logout(db, ctx);
        return noContent();
      },
    },
    {
      method: "GET",
      path: "/users/me",
      auth: "user",
      handle: async ({ ctx }) => ok(presentUser(ctx)),
    },
    {
      method: "POST",
      path: "/users/me/tokens",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(createApiTokenRequestSchema, req.body, "body");
        accountPolicy.createApiToken(ctx);
        return created(await accounts.createApiToken(db, ctx, input));
      },
    },
    {
      method: "GET",
      path: "/users/me/tokens",
      auth: "user",
      handle: async ({ ctx }) => ok({ tokens: (await accounts.listApiTokens(db, ctx)).map(presentApiToken) }),
    },
    {
      method: "DELETE",
      path: "/users/me/tokens/:id",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const { id } = parseInput(tokenParams, req.params, "params");
        await accounts.revokeApiToken(db, ctx, id);
        return noContent();
      },
    },
  ];
}
