import { ChorusApiError, impersonationErrorCodes } from "@chorus/shared";
import { i18next, locale } from "./i18n";

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Details as a sentence shows them: times in the reader's clock, a wait in whole minutes (`count`, for plurals). */
function messageValues(error: ChorusApiError): Record<string, unknown> {
  const values: Record<string, unknown> = { message: error.message };
  for (const [name, value] of Object.entries(error.details ?? {})) {
    values[name] =
      typeof value === "string" && ISO_DATE_TIME.test(value)
        ? new Intl.DateTimeFormat(locale(), { timeStyle: "short" }).format(new Date(value))
        : value;
  }
  return values;
}

/**
 * A sentence for people in their language, whatever was thrown: an API error by its code (the
 * `errors` catalogue has one message per code, filled from its details), anything else generic.
 * Where the server's sentence names the case (forbidden, not_found, conflict, invalid_state, ...:
 * the English catalogue says `{{message}}`), English shows that sentence, other languages a general one.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ChorusApiError) {
    // A variant by the proof refused (`step_up_failed_passkey`), the secret asked for (`step_up_required_pin`)
    // or the field taken (`conflict_email`).
    const { retryAfterSeconds, signInMethod, field, via } = error.details ?? {};
    const context = via ?? signInMethod ?? field;
    // A code the catalogue lacks (a newer server) keeps the server's English sentence.
    const wait = typeof retryAfterSeconds === "number" ? { count: Math.max(1, Math.ceil(retryAfterSeconds / 60)) } : {};
    return i18next.t(`errors:${error.code}`, {
      // `replace` keeps details apart from t()'s own options; `count` picks the plural and fills it in.
      replace: { ...messageValues(error), ...wait },
      ...wait,
      ...(typeof context === "string" && { context }),
      defaultValue: error.message,
    });
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
