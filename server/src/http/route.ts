/**
 * Routes are declared as data: method, path, whether they need a signed-in user, and a
 * handler that gets the resolved acting context. `mountRoutes` wires every route through
 * the same steps — authenticate and resolve impersonation, parse the body, handle, send
 * — so no route can skip them. Impersonation is allowed only for routes listed in
 * policies/impersonation.ts.
 */
import { unstorableTextProblem } from "@chorus/shared";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { ActingContext, RequestMeta } from "../context";
import type { AppDeps } from "../deps";
import { ApiError } from "../errors";
import { resolveActingContext, rejectImpersonationOnPublicRoute } from "../middleware/actingContext";
import { requestMeta } from "../middleware/requestMeta";
import { recordImpersonatedRefusal } from "../services/audit";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Reply {
  status: number;
  body?: unknown;
  /** A body that is not JSON (calendar feeds), sent as is with its own headers. */
  document?: { contentType: string; content: string; headers: Record<string, string> };
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });

interface RouteBase {
  method: Method;
  path: string;
  /** Extra middleware run before authentication (rate limits). */
  before?: RequestHandler[];
}

export interface PublicRoute extends RouteBase {
  auth: "public";
  handle(input: { req: Request; meta: RequestMeta }): Promise<Reply>;
}

export interface UserRoute extends RouteBase {
  auth: "user";
  handle(input: { req: Request; ctx: ActingContext }): Promise<Reply>;
}

export type Route = PublicRoute | UserRoute;

export const routeKey = (route: Pick<Route, "method" | "path">) => `${route.method} ${route.path}`;

const BODY_LIMIT = "100kb";
/** Buffers the raw body, whatever its type, up to the limit; interpreting it comes later. */
const bufferBody = express.raw({ type: () => true, limit: BODY_LIMIT });

function receiveBody(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => bufferBody(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
}

/**
 * Interprets the received body as JSON. It runs after authentication, so a 401 still
 * comes first, but only once the whole body has arrived: permissions are decided when the
 * request is complete, so a slow upload cannot carry a since-revoked caller's write.
 */
function parseJsonBody(req: Request): void {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) {
    req.body = undefined;
    return;
  }
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.headers["content-type"] ?? "")?.[2];
  if (!req.is("application/json") || (charset && !/^utf-?8$/i.test(charset))) {
    throw new ApiError("unsupported_media_type", "Send request bodies as UTF-8 application/json");
  }
  try {
    req.body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiError("malformed_json", "Request body is not valid JSON");
  }
}

/** Refuses text PostgreSQL cannot store, in any field of the body or query, naming the field. */
function refuseUnstorableText(value: unknown, where: "body" | "query", path: string[] = []): void {
  if (typeof value === "string") {
    const problem = unstorableTextProblem(value);
    if (problem) {
      const field = path.length > 0 ? path.join(".") : where;
      throw new ApiError("validation_failed", `Invalid ${where}: ${field}: ${problem}`, { fields: { [field]: problem } });
    }
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      refuseUnstorableText(key, where, path);
      refuseUnstorableText(item, where, [...path, key]);
    }
  }
}

function readInput(req: Request): void {
  parseJsonBody(req);
  refuseUnstorableText(req.body, "body");
  refuseUnstorableText(req.query, "query");
}

/**
 * Handlers still running. A client may hang up mid-request; shutdown waits for these
 * before closing the database, so no handler is cut off half-way.
 */
let running = 0;
let onIdle: (() => void)[] = [];

export function handlersIdle(): Promise<void> {
  return running === 0 ? Promise.resolve() : new Promise((resolve) => onIdle.push(resolve));
}

function finishHandler() {
  running -= 1;
  if (running === 0) {
    for (const resolve of onIdle) resolve();
    onIdle = [];
  }
}

export function mountRoutes(router: Router, routes: Route[], deps: AppDeps): void {
  for (const route of routes) {
    const key = routeKey(route);
    const handler: RequestHandler = async (req, res) => {
      running += 1;
      try {
        await handle(req, res);
      } finally {
        finishHandler();
      }
    };
    const handle = async (req: Request, res: Response) => {
      let reply: Reply;
      if (route.auth === "public") {
        const meta = requestMeta(req);
        rejectImpersonationOnPublicRoute(req);
        await receiveBody(req, res);
        readInput(req);
        reply = await route.handle({ req, meta });
      } else {
        await receiveBody(req, res);
        const ctx = await resolveActingContext(req, res, key, deps);
        readInput(req);
        try {
          reply = await route.handle({ req, ctx });
        } catch (error) {
          if (ctx.impersonating && error instanceof ApiError && error.status === 403) {
            await recordImpersonatedRefusal(deps.db.prisma, ctx, key, error);
          }
          throw error;
        }
      }
      res.status(reply.status);
      if (reply.document) res.set(reply.document.headers).type(reply.document.contentType).send(reply.document.content);
      else if (reply.body === undefined) res.end();
      else res.json(reply.body);
    };
    const method = route.method.toLowerCase() as Lowercase<Method>;
    router[method](route.path, ...(route.before ?? []), handler);
  }
}
