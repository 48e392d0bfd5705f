import {
  choreListQuerySchema,
  createChoreRequestSchema,
  doChoreRequestSchema,
  historyQuerySchema,
  idParamSchema,
  skipChoreRequestSchema,
  timerRequestSchema,
  undoChoreRequestSchema,
  updateChoreRequestSchema,
} from "@chorus/shared";
import type { Request } from "express";
import { z } from "zod";
import type { AppDeps } from "../deps";
import { parseInput } from "../errors";
import { created, noContent, ok, type Route } from "../http/route";
import { chorePolicy } from "../policies/chores";
import { presentChore, presentHistoryEntry } from "../presenters/chores";
import { completeChore, runTimer, skipChore, undoLastOutcome } from "../services/chores/actions";
import { listHistory } from "../services/chores/history";
import { checkTimerRate } from "../services/rateLimits";
import { createChore, deleteChore, getChore, listChores, updateChore } from "../services/chores/crud";

const choreParams = z.object({ id: idParamSchema });
const choreId = (req: Request) => parseInput(choreParams, req.params, "params").id;

export function choreRoutes({ db }: AppDeps): Route[] {
  const timerRoute = (path: string, action: "started" | "paused"): Route => ({
    method: "PUT",
    path,
    auth: "user",
    handle: async ({ req, ctx }) => {
      const id = choreId(req);
      parseInput(timerRequestSchema, req.body, "body");
      const inCircle = chorePolicy.inCircle(ctx);
      await checkTimerRate(db, inCircle);
      return ok(presentChore(await runTimer(db, inCircle, id, action)));
    },
  });

  return [
    {
      method: "GET",
      path: "/chores",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const query = parseInput(choreListQuerySchema, req.query, "query");
        const chores = await listChores(db, chorePolicy.inCircle(ctx), query);
        return ok({ chores: chores.map(presentChore) });
      },
    },
    {
      method: "POST",
      path: "/chores",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const input = parseInput(createChoreRequestSchema, req.body, "body");
        return created(presentChore(await createChore(db, chorePolicy.inCircle(ctx), input)));
      },
    },
    {
      method: "GET",
      path: "/chores/:id",
      auth: "user",
      handle: async ({ req, ctx }) => ok(presentChore(await getChore(db, chorePolicy.inCircle(ctx), choreId(req)))),
    },
    {
      method: "PUT",
      path: "/chores/:id",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const id = choreId(req);
        const input = parseInput(updateChoreRequestSchema, req.body, "body");
        return ok(presentChore(await updateChore(db, chorePolicy.inCircle(ctx), id, input)));
      },
    },
    {
      method: "DELETE",
      path: "/chores/:id",
      auth: "user",
      handle: async ({ req, ctx }) => {
        await deleteChore(db, chorePolicy.inCircle(ctx), choreId(req));
        return noContent();
      },
    },
    {
      method: "POST",
      path: "/chores/:id/do",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const id = choreId(req);
        const input = parseInput(doChoreRequestSchema, req.body, "body");
        return ok(presentChore(await completeChore(db, chorePolicy.inCircle(ctx), id, input)));
      },
    },
    {
      method: "POST",
      path: "/chores/:id/skip",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const id = choreId(req);
        const input = parseInput(skipChoreRequestSchema, req.body, "body");
        return ok(presentChore(await skipChore(db, chorePolicy.inCircle(ctx), id, input)));
      },
    },
    {
      method: "POST",
      path: "/chores/:id/undo",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const id = choreId(req);
        parseInput(undoChoreRequestSchema, req.body, "body");
        return ok(presentChore(await undoLastOutcome(db, chorePolicy.inCircle(ctx), id)));
      },
    },
    timerRoute("/chores/:id/start", "started"),
    timerRoute("/chores/:id/pause", "paused"),
    {
      method: "GET",
      path: "/chores/:id/history",
      auth: "user",
      handle: async ({ req, ctx }) => {
        const id = choreId(req);
        const page = parseInput(historyQuerySchema, req.query, "query");
        const { history, nextCursor } = await listHistory(db, chorePolicy.inCircle(ctx), id, page);
        return ok({ history: history.map(presentHistoryEntry), nextCursor });
      },
    },
  ];
}
