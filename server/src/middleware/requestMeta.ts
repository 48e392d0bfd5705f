import { randomUUID } from "node:crypto";
import type { Request, RequestHandler } from "express";
import type { RequestMeta } from "../context";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const metaKey = Symbol("requestMeta");

type WithMeta = Request & { [metaKey]?: RequestMeta };

/** Gives every request an id (a well-formed incoming X-Request-ID is kept) and echoes it. */
export const assignRequestMeta: RequestHandler = (req, res, next) => {
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const userAgent = req.headers["user-agent"];
  (req as WithMeta)[metaKey] = {
    requestId,
    ip: req.ip ?? null,
    // Stored, not logged; bounded so one client cannot bloat the audit log.
    userAgent: typeof userAgent === "string" ? userAgent.slice(0, 256) : null,
  };
  res.setHeader("X-Request-ID", requestId);
  next();
};

export function requestMeta(req: Request): RequestMeta {
  const meta = (req as WithMeta)[metaKey];
  if (!meta) throw new Error("assignRequestMeta must run first");
  return meta;
}
