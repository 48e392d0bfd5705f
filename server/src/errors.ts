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

/**
 * A refusal whose body must not say why (decision 0023: a member who lets nobody act as them
 * gets the rank rule's body); `auditReason` is written to the audit log only.
 */
export class UndisclosedRefusal extends ApiError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly auditReason: string,
  ) {
    super(code, message);
  }
}

/** What the audit log records as a refusal's reason. */
export const auditReasonOf = (error: ApiError) => (error instanceof UndisclosedRefusal ? error.auditReason : error.code);

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
