/**
 * Routes are declared as data: method, path, whether they need a signed-in user, and a
 * handler that gets the resolved acting context. `mountRoutes` wires every route through
 * the same steps — authenticate and resolve impersonation, parse the body, handle, send
 * — so no route can skip them. Impersonation is allowed only for routes listed in
 * policies/impersonation.ts.
 */
import { unstorableTextProblem } from "@chorus/shared";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { ActingContext, CircleRef, DeviceRef, RequestMeta } from "../context";
import type { AppDeps } from "../deps";
import { ApiError } from "../errors";
import { resolveActingContext, rejectImpersonationOnPublicRoute } from "../middleware/actingContext";
import { resolveDevice } from "../middleware/deviceContext";
import { requestMeta } from "../middleware/requestMeta";
import { recordDeviceRefusal, recordImpersonatedRefusal } from "../services/audit";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Reply {
  status: number;
  body?: unknown;
  /**
   * Takes the response over instead of sending a body: a long-lived stream (GET /events).
   * Resolves once the stream is open; the stream itself does not count as a running handler.
   */
  stream?: (res: Response) => Promise<void>;
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

/** Only a shared tablet's device token may call it (the tablet's own page). */
export interface DeviceRoute extends RouteBase {
  auth: "device";
  handle(input: { req: Request; device: DeviceRef; circle: CircleRef }): Promise<Reply>;
}

export type Route = PublicRoute | UserRoute | DeviceRoute;

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

/** No request schema nests deeper than a few levels; anything deeper is refused before it is walked. */
const MAX_INPUT_DEPTH = 32;

function invalidInput(where: "body" | "query", field: string, problem: string): ApiError {
  return new ApiError("validation_failed", `Invalid ${where}: ${field}: ${problem}`, { fields: { [field]: problem } });
}

/**
 * Refuses input nested too deeply and text PostgreSQL cannot store, in any field of the
 * body or query, naming the field. Walks with its own stack: deep input cannot overflow
 * the call stack here.
 */
function refuseUnsafeInput(root: unknown, where: "body" | "query"): void {
  const pending: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  const fieldName = (path: string[]) => (path.length > 0 ? path.join(".") : where);
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, path } = item;
    if (typeof value === "string") {
      const problem = unstorableTextProblem(value);
      if (problem) throw invalidInput(where, fieldName(path), problem);
    } else if (value !== null && typeof value === "object") {
      if (path.length >= MAX_INPUT_DEPTH) {
        throw invalidInput(where, fieldName(path.slice(0, 1)), `Nested more than ${MAX_INPUT_DEPTH} levels deep`);
      }
      for (const [key, child] of Object.entries(value)) {
        const problem = unstorableTextProblem(key);
        if (problem) throw invalidInput(where, fieldName(path), problem);
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
}

function readInput(req: Request): void {
  parseJsonBody(req);
  refuseUnsafeInput(req.body, "body");
  refuseUnsafeInput(req.query, "query");
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
      } else if (route.auth === "device") {
        await receiveBody(req, res);
        const { device, circle } = await resolveDevice(req, deps);
        readInput(req);
        reply = await route.handle({ req, device, circle });
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
          if (ctx.device && error instanceof ApiError && error.status === 403) await recordDeviceRefusal(deps.db.prisma, ctx, key, error);
          throw error;
        }
      }
      if (reply.stream) return reply.stream(res);
      res.status(reply.status);
      if (reply.document) res.set(reply.document.headers).type(reply.document.contentType).send(reply.document.content);
      else if (reply.body === undefined) res.end();
      else res.json(reply.body);
    };
    const method = route.method.toLowerCase() as Lowercase<Method>;
    router[method](route.path, ...(route.before ?? []), handler);
  }
}
