/**
 * The one place errors become HTTP responses, always in the DESIGN shape
 * `{ error: { code, message, details? } }`. Anything unexpected is logged and answered
 * with a bare 500 that leaks nothing.
 */
import type { ErrorBody } from "@chorus/shared";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { ApiError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { Logger } from "../logger";

interface HttpParserError {
  type?: string;
  status?: number;
}

/** Postgres errors that mean "two requests collided": the client may simply retry. */
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01", "55P03"]);

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
  }
  if (typeof parser?.status === "number" && parser.status >= 400 && parser.status < 500 && parser.type) {
    return new ApiError("validation_failed", "The request body could not be read");
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return new ApiError("conflict", "That conflicts with existing data");
    if (error.code === "P2025") return new ApiError("not_found", "Not found");
    if (error.code === "P2034") return new ApiError("conflict", "Someone else changed this at the same time; try again");
  }
  const sqlState = (error as { cause?: { originalCode?: string; code?: string } })?.cause;
  if (sqlState && RETRYABLE_SQLSTATES.has(String(sqlState.originalCode ?? sqlState.code))) {
    return new ApiError("conflict", "Someone else changed this at the same time; try again");
  }
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const apiError = toApiError(error);
    const requestId = res.getHeader("X-Request-ID");
    if (!apiError) {
      logger.error({ err: error, requestId }, "unhandled error");
    }
    const reply = apiError ?? new ApiError("internal_error", "Something went wrong on our side");
    const body: ErrorBody = {
      error: { code: reply.code, message: reply.message, ...(reply.details ? { details: reply.details } : {}) },
    };
    if (res.headersSent) return;
    res.status(reply.status).json(body);
  };
}

export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new ApiError("not_found", `No API endpoint ${req.method} ${req.path}`));
};
