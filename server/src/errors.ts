/**
 * The server's one error type. Services and policies throw `ApiError` with a code from
 * the shared catalogue; the error handler (middleware/errorHandler.ts) is the only place
 * that turns errors into HTTP responses.
 */
import { errorStatus, type ErrorCode } from "@chorus/shared";
import type { z } from "zod";

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do that") => new ApiError("forbidden", message);
export const conflict = (message: string, details?: Record<string, unknown>) => new ApiError("conflict", message, details);

/** `validation_failed` naming every offending field: `details.fields["frequency.weekdays"]`. */
export function validationError(error: z.ZodError, where: "body" | "query" | "params"): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] ??= "Unknown field";
      continue;
    }
    const key = issue.path.length > 0 ? issue.path.join(".") : where;
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return new ApiError("validation_failed", `Invalid ${where}: ${summary}`, { fields });
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: "body" | "query" | "params"): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
