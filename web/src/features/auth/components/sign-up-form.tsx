import { signupRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSignUp } from "../api/sign-up";

const SHOWN_FIELDS = ["username", "email", "displayName", "password"] as const;

/** With `inviteCode` (from an invite link) the new account asks to join that circle instead of getting its own. */
export function SignUpForm({ onSignedUp, inviteCode }: { onSignedUp: () => void; inviteCode?: string }) {
  const { t } = useTranslation("auth");
  const signUp = useSignUp();
  const [values, setValues] = useState({ username: "", email: "", displayName: "", password: "" });
  const { errors, formError, validate, showFailure } = useFormErrors();

  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const displayName = values.displayName.trim();
    const request = validate(signupRequestSchema, {
      username: values.username.trim(),
      email: values.email.trim(),
      password: values.password,
      ...(displayName ? { displayName } : {}),
      // Your circle's schedules default to the zone this browser is in.
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      ...(inviteCode ? { inviteCode } : {}),
    });
    if (!request) return;
    // Not mutate()'s callbacks: signing in may replace this form (the invite screen does)
    // before they would run, and a replaced form's callbacks never run.
    signUp.mutateAsync(request).then(onSignedUp, (error: unknown) => showFailure(error));
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t("signUp.form")}>
      <FormErrorSummary errors={errors} shownFields={SHOWN_FIELDS} formError={formError} />
      <TextField
        label={t("signUp.username")}
        name="username"
        autoComplete="username"
        hint={t("signUp.usernameHint")}
        value={values.username}
        onChange={set("username")}
        error={errorFor(errors, "username")}
        required
      />
      <TextField
        label={t("signUp.email")}
        name="email"
        type="email"
        autoComplete="email"
        value={values.email}
        onChange={set("email")}
        error={errorFor(errors, "email")}
        required
      />
      <TextField
        label={t("signUp.displayName")}
        name="displayName"
        autoComplete="name"
        value={values.displayName}
        onChange={set("displayName")}
        error={errorFor(errors, "displayName")}
      />
      <TextField
        label={t("signUp.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t("signUp.passwordHint")}
        value={values.password}
        onChange={set("password")}
        error={errorFor(errors, "password")}
        required
      />
      <button type="submit" className="button button--primary" disabled={signUp.isPending}>
        {signUp.isPending ? t("signUp.submitting") : t("signUp.submit")}
      </button>
    </form>
  );
}
