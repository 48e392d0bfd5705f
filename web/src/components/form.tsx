import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../lib/field-errors";

interface FieldControlProps {
  id: string;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
}

/** A labelled control with its hint and error wired up for assistive technology. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  error,
  hint,
  ...inputProps
}: { label: string; error?: string | undefined; hint?: string; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})}>
      {(control) => <input {...inputProps} {...control} />}
    </Field>
  );
}

/**
 * The errors the form cannot attach to a visible field, plus a count of the rest, in an
 * alert that takes focus so the problem is announced after submitting.
 */
export function FormErrorSummary({
  errors,
  shownFields,
  formError,
}: {
  errors: FieldErrors;
  shownFields: readonly string[];
  formError?: string | null;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const unattached = Object.entries(errors).filter(
    ([path]) => !shownFields.some((field) => path === field || path.startsWith(`${field}.`)),
  );
  const count = Object.keys(errors).length;
  const visible = count > 0 || Boolean(formError);
  // Each new set of errors (another failed submit) brings focus back to the summary.
  useEffect(() => {
    if (visible) ref.current?.focus();
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- as said above
  }, [visible, errors, formError]);
  if (!visible) return null;
  return (
    <div className="error-alert" role="alert" tabIndex={-1} ref={ref}>
      {formError && <p>{formError}</p>}
      {count > 0 && <p>{t("form.fixProblems", { count })}</p>}
      {unattached.length > 0 && (
        <ul>
          {unattached.map(([path, message]) => (
            <li key={path}>{path ? `${path}: ${message}` : message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The first error for a field or anything inside it ("labels" covers "labels.2"). */
export function errorFor(errors: FieldErrors, field: string): string | undefined {
  return errors[field] ?? Object.entries(errors).find(([path]) => path.startsWith(`${field}.`))?.[1];
}
