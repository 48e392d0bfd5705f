import { createCircleRequestSchema } from "@chorus/shared";
import { useState, type FormEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage, fieldErrorsFromApi, fieldErrorsFromIssues, type FieldErrors } from "../../../lib/errors";
import { useCreateCircle } from "../api/create-circle";

export function CreateCircleForm() {
  const create = useCreateCircle();
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const parsed = createCircleRequestSchema.safeParse({ name: name.trim(), timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onError: (error) => {
        setErrors(fieldErrorsFromApi(error));
        setFormError(errorMessage(error));
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Create a circle">
      <FormErrorSummary errors={errors} shownFields={["name"]} formError={formError} />
      <TextField label="Circle name" name="name" placeholder="The Smiths" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(errors, "name")} required />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create circle"}
      </button>
    </form>
  );
}
