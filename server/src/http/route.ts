/**
 * Routes are declared as data: method, path, whether they need a signed-in user, and a
 * handler that gets the resolved acting context. `mountRoutes` wires every route through
 * the same steps — authenticate and resolve impersonation, parse the body, handle, send
 * — so no route can skip them. Impersonation is allowed only for routes listed in
 * policies/impersonation.ts.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { ActingContext, RequestMeta } from "../context";
import type { AppDeps } from "../deps";
import { ApiError } from "../errors";
import { resolveActingContext, rejectImpersonationOnPublicRoute } from "../middleware/actingContext";
import { requestMeta } from "../middleware/requestMeta";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Reply {
  status: number;
  body?: unknown;
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
const parseJson = express.json({ limit: BODY_LIMIT, strict: true });

/** Parses a JSON body after authentication, so strangers cannot make us parse 100 kB. */
function readBody(req: Request, res: Response): Promise<void> {
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody) return Promise.resolve();
  if (!req.is("application/json")) {
    return Promise.reject(new ApiError("unsupported_media_type", "Send request bodies as application/json"));
  }
  return new Promise((resolve, reject) => parseJson(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
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
        await readBody(req, res);
        reply = await route.handle({ req, meta });
      } else {
        const ctx = await resolveActingContext(req, res, key, deps);
        await readBody(req, res);
        reply = await route.handle({ req, ctx });
      }
      res.status(reply.status);
      if (reply.body === undefined) res.end();
      else res.json(reply.body);
    };
    const method = route.method.toLowerCase() as Lowercase<Method>;
    router[method](route.path, ...(route.before ?? []), handler);
  }
}
