/**
 * Mounts the endpoint contract (shared/src/contract): every declared endpoint goes through
 * the same steps — receive the body, resolve the acting context from its declared access
 * (acting/), parse params, query and body with its schemas, run its handler, send what it
 * declared — so no endpoint can skip one, and handlers never see `req`. An endpoint without
 * a handler, or a handler returning the wrong shape, does not compile.
 */
import {
  endpointKey,
  unstorableTextProblem,
  type Access,
  type BodyOf,
  type Contract,
  type Endpoint,
  type EndpointGroup,
  type ParamsOf,
  type QueryOf,
  type RateLimitName,
  type ResponseOf,
} from "@chorus/shared";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import type { z } from "zod";
import { recordHandlerRefusal } from "../acting/refusals";
import { resolveContext, type PublicContext, type TabletContext } from "../acting/resolve";
import type { ActingContext, CircleContext } from "../context";
import type { AppDeps } from "../deps";
import { ApiError, parseInput } from "../errors";

/** The resolved context a handler gets, by the credentials its endpoint accepts. */
export type ContextFor<A extends Access> = A["credentials"] extends readonly ["public"]
  ? PublicContext
  : A["credentials"] extends readonly ["tablet"]
    ? TabletContext
    : A["credentials"] extends readonly ["calendarFeed"]
      ? CircleContext
      : ActingContext;

export interface HandlerInput<E extends Endpoint> {
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  /** An upload endpoint's raw body (at most the configured photo size). */
  upload: E["upload"] extends "image" ? Buffer : undefined;
  ctx: ContextFor<E["access"]>;
}

/** A document that is not JSON, sent as is with its own headers. */
export interface DocumentReply {
  content: string;
  headers: Record<string, string>;
}

/** An image, sent with the type its handler names. */
export interface ImageReply {
  content: Buffer;
  contentType: string;
}

/** Takes the response over for a stream; resolves once the stream is open. */
export type StreamReply = (res: Response) => Promise<void>;

/**
 * Hands the exchange to a protocol's own transport (MCP), which reads the request's
 * protocol headers and writes the answer; resolves once it has answered.
 */
export type ExchangeReply = (req: Request, res: Response) => Promise<void>;

export type HandlerOutput<E extends Endpoint> = E["produces"] extends { kind: "json" }
  ? ResponseOf<E>
  : E["produces"] extends { kind: "events" }
    ? StreamReply
    : E["produces"] extends { kind: "document" }
      ? DocumentReply
      : E["produces"] extends { kind: "image" }
        ? ImageReply
        : E["produces"] extends { kind: "mcp" }
          ? ExchangeReply
          : void;

export type Handler<E extends Endpoint> = (input: HandlerInput<E>) => Promise<HandlerOutput<E>>;
export type GroupHandlers<G extends EndpointGroup> = { [K in keyof G]: Handler<G[K]> };
export type ContractHandlers<C extends Contract> = { [G in keyof C]: GroupHandlers<C[G]> };

/** Where the request log line finds the acting ids. */
export const actingContextKey = "actingContext";

const BODY_LIMIT = "100kb";
/** Buffers the raw body, whatever its type, up to the limit; interpreting it comes later. */
const bufferBody = express.raw({ type: () => true, limit: BODY_LIMIT });

function receiveBody(req: Request, res: Response, parser = bufferBody): Promise<void> {
  // oxlint-disable-next-line typescript/no-unsafe-class-instance-assignment -- Express's request is an IncomingMessage
  return new Promise((resolve, reject) => parser(req, res, (error?: Error) => (error ? reject(error) : resolve())));
}

/**
 * A body allowed past the usual limit (a photo upload, a circle import), refused whole (nothing written) with its
 * limit named when larger.
 */
function limitedReceiver(maxBytes: number, tooLarge: (megabytes: number) => string): (req: Request, res: Response) => Promise<void> {
  const parser = express.raw({ type: () => true, limit: maxBytes });
  return async (req, res) => {
    try {
      await receiveBody(req, res, parser);
    } catch (error) {
      if ((error as { type?: unknown }).type !== "entity.too.large") throw error;
      const megabytes = Math.round((maxBytes / 1_048_576) * 10) / 10;
      throw new ApiError("payload_too_large", tooLarge(megabytes), { maxBytes });
    }
  };
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
    req.body = JSON.parse(raw.toString("utf8")) as unknown;
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

function readInput(req: Request, endpoint: Endpoint): Buffer | undefined {
  if (endpoint.upload) {
    const raw: unknown = req.body;
    req.body = undefined;
    refuseUnsafeInput(req.query, "query");
    if (!Buffer.isBuffer(raw) || raw.length === 0) throw new ApiError("validation_failed", "Send the photo as the request body");
    return raw;
  }
  parseJsonBody(req);
  refuseUnsafeInput(req.body, "body");
  refuseUnsafeInput(req.query, "query");
  return undefined;
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

export interface MountOptions {
  deps: AppDeps;
  rateLimits: Record<RateLimitName, RequestHandler>;
  /** Tests: check every response against its declared schema, failing loudly on drift. */
  checkResponses?: boolean;
}

function parseDeclared<S extends z.ZodType | undefined>(schema: S, value: unknown, where: "params" | "query" | "body") {
  return schema ? parseInput(schema, value, where) : undefined;
}

function mountEndpoint(router: Router, endpoint: Endpoint, handler: Handler<Endpoint>, options: MountOptions): void {
  const { deps } = options;
  const key = endpointKey(endpoint);
  const { produces } = endpoint;
  const receive = endpoint.upload
    ? limitedReceiver(deps.config.photos.maxUploadBytes, (megabytes) => `The photo is too large (limit ${megabytes} MB)`)
    : endpoint.maxBodyBytes
      ? limitedReceiver(endpoint.maxBodyBytes, (megabytes) => `The request body is too large (limit ${megabytes} MB)`)
      : receiveBody;
  const handle = async (req: Request, res: Response) => {
    await receive(req, res);
    const ctx = (await resolveContext(req, endpoint, deps)).ctx;
    if ("actor" in ctx) res.locals[actingContextKey] = ctx;
    const upload = readInput(req, endpoint);
    const input: HandlerInput<Endpoint> = {
      params: (parseDeclared(endpoint.params, req.params, "params") ?? {}) as ParamsOf<Endpoint>,
      query: parseDeclared(endpoint.query, req.query, "query") as QueryOf<Endpoint>,
      body: parseDeclared(endpoint.body, req.body, "body") as BodyOf<Endpoint>,
      upload: upload as HandlerInput<Endpoint>["upload"],
      ctx: ctx as ContextFor<Endpoint["access"]>,
    };
    let output: unknown;
    try {
      output = await handler(input);
    } catch (error) {
      if ("actor" in ctx && error instanceof ApiError && error.status === 403) await recordHandlerRefusal(deps.db.prisma, ctx, key, error);
      throw error;
    }
    switch (produces.kind) {
      case "events":
        return (output as StreamReply)(res);
      case "mcp":
        return (output as ExchangeReply)(req, res);
      case "document": {
        const document = output as DocumentReply;
        return void res.status(200).set(document.headers).type(produces.contentType).send(document.content);
      }
      case "image": {
        const image = output as ImageReply;
        // Private to those allowed: never cached by a proxy or kept by the browser, never sniffed as something else.
        res
          .status(200)
          .set({ "Content-Type": image.contentType, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" });
        return void res.end(image.content);
      }
      case "empty":
        return void res.status(204).end();
      case "json":
        if (options.checkResponses) {
          const checked = produces.schema.safeParse(output);
          if (!checked.success) throw new Error(`${key} answered a body that does not match its schema: ${checked.error.message}`);
        }
        // Not res.json(): it hashes every body for an ETag, and API responses are no-store.
        res.status(produces.status).setHeader("Content-Type", "application/json; charset=utf-8");
        return void res.end(JSON.stringify(output));
    }
  };
  const method = endpoint.method.toLowerCase() as Lowercase<Endpoint["method"]>;
  const limit = endpoint.access.rateLimit ? [options.rateLimits[endpoint.access.rateLimit]] : [];
  router[method](endpoint.path, ...limit, async (req, res) => {
    running += 1;
    try {
      await handle(req, res);
    } finally {
      finishHandler();
    }
  });
}

/** Every endpoint of `contract`, each with its handler from `handlers`. */
export function mountContract<C extends Contract>(router: Router, contract: C, handlers: ContractHandlers<C>, options: MountOptions): void {
  for (const [groupName, group] of Object.entries(contract)) {
    for (const [name, endpoint] of Object.entries(group)) {
      const handler = (handlers as Record<string, Record<string, Handler<Endpoint>>>)[groupName]![name]!;
      mountEndpoint(router, endpoint, handler, options);
    }
  }
}

/** Every declared endpoint, in contract order. */
export function contractEndpoints(contract: Contract): Endpoint[] {
  return Object.values(contract).flatMap((group) => Object.values(group));
}
