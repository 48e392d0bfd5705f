import { useState } from "react";
import { errorMessage } from "./errors";
import { fieldErrorsFromApi, fieldErrorsFromIssues, type FieldErrors } from "./field-errors";

type Issues = readonly { path: readonly PropertyKey[]; message: string }[];
/** A shared zod schema, as far as a form needs it. */
export interface RequestSchema<T> {
  safeParse(values: unknown): { success: true; data: T } | { success: false; error: { issues: Issues } };
}

/**
 * A form's errors: per field (from the shared schema before sending, or from the API's
 * answer) and for the form as a whole.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  /** Shows these field errors (none: the form is fine so far) and clears the form's own. */
  function showErrors(fields: FieldErrors) {
    setErrors(fields);
    setFormError(null);
  }

  /** The request the schema makes of `values`, or null with the field errors shown. */
  function validate<T>(schema: RequestSchema<T>, values: unknown): T | null {
    const parsed = schema.safeParse(values);
    showErrors(parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues));
    return parsed.success ? parsed.data : null;
  }

  /** A failed request: the fields it names, and `message` (by default the error's own when it names none) above the form. */
  function showFailure(error: unknown, message?: string) {
    const fields = fieldErrorsFromApi(error);
    setErrors(fields);
    setFormError(message ?? (Object.keys(fields).length === 0 ? errorMessage(error) : null));
  }

  return { errors, formError, showErrors, validate, showFailure };
}
