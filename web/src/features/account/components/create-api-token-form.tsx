import { createApiTokenRequestSchema, type CreatedApiToken } from "@chorus/shared";
import { useState, type FormEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { SecretShownOnce } from "../../../components/secret-shown-once";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateApiToken } from "../api/create-api-token";

/** Names a new token; once created, shows its secret in place of the form until dismissed. */
export function CreateApiTokenForm() {
  const create = useCreateApiToken();
  const [name, setName] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const request = validate(createApiTokenRequestSchema, { name: name.trim() });
    if (!request) return;
    create.mutate(request, {
      onSuccess: (token) => {
        setName("");
        setCreated(token);
      },
      onError: (error) => showFailure(error),
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
