import { createCircleRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateCircle } from "../api/create-circle";

export function CreateCircleForm() {
  const create = useCreateCircle();
  const [name, setName] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(createCircleRequestSchema, { name: name.trim(), timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    if (!request) return;
    create.mutate(request, {
      onError: (error) => showFailure(error, errorMessage(error)),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Create a circle">
      <FormErrorSummary errors={errors} shownFields={["name"]} formError={formError} />
      <TextField
        label="Circle name"
        name="name"
        placeholder="The Smiths"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create circle"}
      </button>
    </form>
  );
}
