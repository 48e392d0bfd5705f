/**
 * Field errors for forms, in the reader's language (decision 0047): from the shared schemas'
 * own check before sending, or from the API's answer. Apart from errors.ts because it brings
 * zod's messages and the shared message table, which only forms need (not the first download).
 */
import { ChorusApiError, formMessages, languages, setZodLanguage, type FormMessageKey, type Language } from "@chorus/shared";
import { errorMessage } from "./errors";
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
  return key ? i18next.t(`forms:${key}`, { defaultValue: message }) : message;
}

// zod's own messages (a field without a custom one) follow the language on screen.
const showZodIn = (language: string) => setZodLanguage((languages as readonly string[]).includes(language) ? (language as Language) : "en");
showZodIn(i18next.language);
i18next.on("languageChanged", showZodIn);
// The catalogue comes with the forms that need it, not in the first download.
void i18next.loadNamespaces("forms");
