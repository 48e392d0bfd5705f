import { createCircleRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateCircle } from "../api/create-circle";

export function CreateCircleForm() {
  const create = useCreateCircle();
  const [name, setName] = useState("");
  const { t } = useTranslation("circle");
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
    <form onSubmit={submit} noValidate className="form" aria-label={t("createCircle.formLabel")}>
      <FormErrorSummary errors={errors} shownFields={["name"]} formError={formError} />
      <TextField
        label={t("createCircle.name")}
        name="name"
        placeholder={t("createCircle.placeholder")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={errorFor(errors, "name")}
        required
      />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? t("createCircle.creating") : t("createCircle.create")}
      </button>
    </form>
  );
}
