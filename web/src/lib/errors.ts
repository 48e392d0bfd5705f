import { ChorusApiError, impersonationErrorCodes } from "@chorus/shared";
import { i18next } from "./i18n";

/** Field path ("frequency.weekdays") → message, as the API's validation_failed details give them. */
export type FieldErrors = Record<string, string>;

/**
 * Field errors from a `400 validation_failed` answer, or from a `409 conflict` that names
 * the field at fault (`details.field`: a username or email already taken); empty for any
 * other error.
 */
export function fieldErrorsFromApi(error: unknown): FieldErrors {
  if (!(error instanceof ChorusApiError)) return {};
  if (error.code === "conflict") {
    const field = error.details?.field;
    return typeof field === "string" ? { [field]: error.message } : {};
  }
  if (error.code !== "validation_failed") return {};
  const fields = error.details?.fields;
  if (!fields || typeof fields !== "object") return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** The same shape from a client-side check with the shared zod schemas, so forms show both alike. */
export function fieldErrorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= issue.message;
  }
  return errors;
}

/**
 * A sentence for people in their language, whatever was thrown: an API error by its code (the
 * `errors` catalogue has one message per code, filled from its details), anything else generic.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ChorusApiError) {
    // A code the catalogue lacks (a newer server) keeps the server's English sentence.
    return i18next.t(`errors:${error.code}`, { ...error.details, defaultValue: error.message });
  }
  // Thrown by the browser (a passkey prompt, say): its own words are the best there are.
  return error instanceof Error ? error.message : i18next.t("errors:unknown");
}

export function isImpersonationError(error: unknown): error is ChorusApiError {
  return error instanceof ChorusApiError && impersonationErrorCodes.includes(error.code as (typeof impersonationErrorCodes)[number]);
}

export function hasErrorCode(error: unknown, code: ChorusApiError["code"]): boolean {
  return error instanceof ChorusApiError && error.code === code;
}
