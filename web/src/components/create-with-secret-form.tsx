import type { UseMutationResult } from "@tanstack/react-query";
import { useState, type SubmitEvent, type ReactNode } from "react";
import { useFormErrors, type RequestSchema } from "../lib/use-form-errors";
import { FormErrorSummary, TextField, errorFor } from "./form";

interface CreatedWithSecret {
  name: string;
  token: string;
}

interface CreateWithSecretFormProps<T extends CreatedWithSecret> {
  /** The form's accessible name, e.g. "Create an API token". */
  formLabel: string;
  fieldLabel: string;
  hint: string;
  submitLabel: string;
  pendingLabel: string;
  schema: RequestSchema<{ name: string }>;
  create: UseMutationResult<T, Error, { name: string }>;
  /** What replaces the form once created (a SecretShownOnce box); `done` brings the form back. */
  renderCreated: (created: T, done: () => void) => ReactNode;
}

/** Names a new credential (API token, tablet token); once created, shows it in place of the form until dismissed. */
export function CreateWithSecretForm<T extends CreatedWithSecret>(props: CreateWithSecretFormProps<T>) {
  const { formLabel, fieldLabel, hint, submitLabel, pendingLabel, schema, create, renderCreated } = props;
  const [name, setName] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();
  const [created, setCreated] = useState<T | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(schema, { name: name.trim() });
    if (!request) return;
    create.mutate(request, {
      onSuccess: (result) => {
        setName("");
        setCreated(result);
      },
      onError: (error) => showFailure(error),
    });
  }

  if (created) return renderCreated(created, () => setCreated(null));

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={formLabel}>
      <FormErrorSummary errors={errors} shownFields={["name"]} formError={formError} />
      <TextField
        label={fieldLabel}
        name="name"
        hint={hint}
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
