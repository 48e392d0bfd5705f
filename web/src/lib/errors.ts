import {
  ChorusApiError,
  formMessages,
  impersonationErrorCodes,
  languages,
  setZodLanguage,
  type FormMessageKey,
  type Language,
} from "@chorus/shared";
import { i18next, locale } from "./i18n";

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
    return typeof field === "string" ? { [field]: errorMessage(error) } : {};
  }
  if (error.code !== "validation_failed") return {};
  const fields = error.details?.fields;
  if (!fields || typeof fields !== "object") return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).flatMap(([field, message]) =>
      typeof message === "string" ? [[field, translateFormMessage(message)]] : [],
    ),
  );
}

/** The same shape from a client-side check with the shared zod schemas, so forms show both alike. */
export function fieldErrorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    errors[path] ??= translateFormMessage(issue.message);
  }
  return errors;
}

const formMessageKeys = new Map<string, FormMessageKey>(
  Object.entries(formMessages).map(([key, message]) => [message, key as FormMessageKey]),
);

/**
 * A field message of the shared schemas (the server answers in their English) in the reader's
 * language, by its key in `formMessages`; any other message (zod's own, already in the language
 * set below, or a newer server's) stays as it is.
 */
export function translateFormMessage(message: string): string {
  const key = formMessageKeys.get(message);
  return key ? i18next.t(`forms:${key}`) : message;
}

// zod's own messages (a field without a custom one) follow the language on screen.
const showZodIn = (language: string) => setZodLanguage((languages as readonly string[]).includes(language) ? (language as Language) : "en");
showZodIn(i18next.language);
i18next.on("languageChanged", showZodIn);

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
    // A variant by the secret asked for (`step_up_required_pin`) or the field taken (`conflict_email`).
    const { retryAfterSeconds, signInMethod, field } = error.details ?? {};
    const context = signInMethod ?? field;
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
