/**
 * The one place errors become HTTP responses, always in the DESIGN shape
 * `{ error: { code, message, details? } }`. Anything unexpected is logged and answered
 * with a bare 500 that leaks nothing.
 */
import type { ErrorBody, ErrorCode } from "@chorus/shared";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { isDatabaseUnavailable, isStorageFull, sqlStateOf } from "../db/failures";
import { ApiError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { Logger } from "../logger";

/** What Express, its router and body-parser attach to the errors they raise for bad requests. */
interface HttpParserError {
  type?: string;
  status?: number;
}

/**
 * PostgreSQL errors that a client's request can cause, as they arrive through a driver
 * adapter (raw SQLSTATE). Validation should stop such input first; this is the backstop
 * that keeps them from becoming 500s.
 */
/** Two requests collided: the client may simply retry. */
const collided = () => new ApiError("conflict", "Someone else changed this at the same time; try again");

const SQLSTATE_ERRORS: Record<string, () => ApiError> = {
  "40001": collided,
  "40P01": collided,
  "55P03": collided,
  // A unique index Prisma does not know about (the partial ones) was violated.
  "23505": () => new ApiError("conflict", "That conflicts with existing data"),
  "22021": () => new ApiError("validation_failed", "The request contains text that cannot be stored"),
  "22P05": () => new ApiError("validation_failed", "The request contains text that cannot be stored"),
  "22003": () => new ApiError("validation_failed", "A number in the request is out of range"),
  "22008": () => new ApiError("validation_failed", "A date in the request is out of range"),
};

function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  const parser = error as HttpParserError;
  switch (parser?.type) {
    case "entity.too.large":
      return new ApiError("payload_too_large", "Request body is too large (limit 100 kB)");
    case "entity.parse.failed":
      return new ApiError("malformed_json", "Request body is not valid JSON");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new ApiError("unsupported_media_type", "Send request bodies as UTF-8 JSON");
    default:
      break;
  }
  if (typeof parser?.status === "number" && parser.status >= 400 && parser.status < 500) {
    // The router's "Failed to decode param" for a bad % escape in the path.
    if (error instanceof URIError) return new ApiError("bad_request", "The request path is not valid URL encoding");
    // Body-parser's own errors carry a `type`; zlib's (a body that does not match its
    // Content-Encoding) arrive untyped with the same 400.
    return new ApiError(
      "bad_request",
      parser.type ? "The request body could not be read" : "The request body does not match its Content-Encoding",
    );
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return new ApiError("conflict", "That conflicts with existing data");
    if (error.code === "P2025") return new ApiError("not_found", "Not found");
    if (error.code === "P2034") return collided();
    // No connection became free within the transaction's wait (db/database.ts), or the
    // transaction outlived its time limit: a burst the server could not absorb, not the
    // client's fault, and safe to retry (nothing was committed).
    if (error.code === "P2028") return new ApiError("server_busy", "The server is busy; try again in a moment");
  }
  // Not the request's fault: an outage (logged once by db/availability.ts) or a full disk.
  if (isDatabaseUnavailable(error)) {
    return new ApiError("database_unavailable", "The database cannot be reached right now; try again in a few seconds");
  }
  if (isStorageFull(error)) {
    return new ApiError("storage_full", "The server's disk is full, so nothing can be saved; its administrator must free space");
  }
  const sqlState = sqlStateOf(error) ?? "";
  return Object.hasOwn(SQLSTATE_ERRORS, sqlState) ? SQLSTATE_ERRORS[sqlState]!() : null;
}

/** When a client should try again, in seconds, for errors that pass. */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = { database_unavailable: 5, server_busy: 2, too_many_streams: 30 };

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const apiError = toApiError(error);
    const requestId = res.getHeader("X-Request-ID");
    if (!apiError) {
      logger.error({ err: error, requestId }, "unhandled error");
    } else if (apiError.code === "storage_full") {
      logger.error({ requestId }, "Disk full: a write failed");
    }
    const reply = apiError ?? new ApiError("internal_error", "Something went wrong on our side");
    const body: ErrorBody = {
      error: { code: reply.code, message: reply.message, ...(reply.details ? { details: reply.details } : {}) },
    };
    if (res.headersSent) return;
    const retryAfter = reply.details?.retryAfterSeconds ?? RETRY_AFTER_SECONDS[reply.code];
    if (typeof retryAfter === "number") res.setHeader("Retry-After", String(retryAfter));
    if (reply.code === "method_not_allowed" && Array.isArray(reply.details?.allow)) res.setHeader("Allow", reply.details.allow.join(", "));
    res.status(reply.status).json(body);
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new ApiError("not_found", `No API endpoint ${req.method} ${req.path}`));
};
