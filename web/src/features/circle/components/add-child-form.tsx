import { createChildRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddChild } from "../api/add-child";

const EMPTY = { username: "", displayName: "", pin: "", password: "" };

/** "Add a child": an account with no email that signs in with a PIN or a password on a family device. */
export function AddChildForm() {
  const addChild = useAddChild();
  const notify = useNotify();
  const { t } = useTranslation("circle");
  const [values, setValues] = useState(EMPTY);
  const { errors, formError, validate, showFailure } = useFormErrors();
  const set = (field: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setValues({ ...values, [field]: event.target.value });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(createChildRequestSchema, {
      username: values.username.trim(),
      displayName: values.displayName.trim(),
      ...(values.pin ? { pin: values.pin } : {}),
      ...(values.password ? { password: values.password } : {}),
    });
    if (!request) return;
    addChild.mutate(request, {
      onSuccess: (child) => {
        setValues(EMPTY);
        notify("success", t("addChild.joined", { name: child.displayName, username: child.username }));
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <section className="card" aria-labelledby="add-child-heading">
      <h2 id="add-child-heading">{t("addChild.heading")}</h2>
      <p className="muted">{t("addChild.about")}</p>
      <form onSubmit={submit} noValidate className="form" aria-label={t("addChild.heading")}>
        <FormErrorSummary errors={errors} shownFields={["username", "displayName", "pin", "password"]} formError={formError} />
        <TextField
          label={t("addChild.displayName")}
          name="displayName"
          autoComplete="off"
          value={values.displayName}
          onChange={set("displayName")}
          error={errorFor(errors, "displayName")}
          required
        />
        <TextField
          label={t("addChild.username")}
          name="username"
          hint={t("addChild.usernameHint")}
          autoComplete="off"
          autoCapitalize="none"
          value={values.username}
          onChange={set("username")}
          error={errorFor(errors, "username")}
          required
        />
        <TextField
          label={t("addChild.pin")}
          name="pin"
          hint={t("addChild.pinHint")}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={8}
          value={values.pin}
          onChange={set("pin")}
          error={errorFor(errors, "pin")}
        />
        <TextField
          label={t("addChild.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set("password")}
          error={errorFor(errors, "password")}
        />
        <button type="submit" className="button button--primary" disabled={addChild.isPending}>
          {addChild.isPending ? t("addChild.adding") : t("addChild.add")}
        </button>
      </form>
    </section>
  );
}
