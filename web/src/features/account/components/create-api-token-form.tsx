import { createApiTokenRequestSchema, type CreatedApiToken } from "@chorus/shared";
import { useState, type FormEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { SecretShownOnce } from "../../../components/secret-shown-once";
import { errorMessage, fieldErrorsFromApi, fieldErrorsFromIssues, type FieldErrors } from "../../../lib/errors";
import { useCreateApiToken } from "../api/create-api-token";

/** Names a new token; once created, shows its secret in place of the form until dismissed. */
export function CreateApiTokenForm() {
  const create = useCreateApiToken();
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = createApiTokenRequestSchema.safeParse({ name: name.trim() });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (token) => {
        setName("");
        setCreated(token);
      },
      onError: (error) => {
        const fields = fieldErrorsFromApi(error);
        setErrors(fields);
        // Field problems are shown on the field; anything else once, above the form.
        if (Object.keys(fields).length === 0) setFormError(errorMessage(error));
      },
    });
  }

  if (created) {
    return (
      <SecretShownOnce label="New API token" secret={created.token} copyLabel="Copy token" testId="new-token-secret" onDone={() => setCreated(null)}>
        <p>
          <strong>Token “{created.name}” created.</strong> Copy it now: you won’t see this token again. Anyone who has it can act as you
          (except viewing tasks as others), so keep it secret.
        </p>
      </SecretShownOnce>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Create an API token">
      <FormErrorSummary errors={errors} shownFields={["name"]} formError={formError} />
      <TextField
        label="Token name"
        name="name"
        hint="What will use it, for example “Home Assistant”."
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
