import { randomUUID } from "node:crypto";
import type { Request, RequestHandler } from "express";
import type { RequestMeta } from "../context";

const metaKey = Symbol("requestMeta");

type WithMeta = Request & { [metaKey]?: RequestMeta };

/**
 * Gives every request an id of our own, sent back as X-Request-ID. A client's id is not
 * adopted: audit rows must not be able to pose as another request.
 */
export const assignRequestMeta: RequestHandler = (req, res, next) => {
  const requestId = randomUUID();
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
