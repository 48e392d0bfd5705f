import { ChorusApiError, loginRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSignIn } from "../api/sign-in";
import { PasskeySignInButton } from "../../mfa/components/passkey-sign-in-button";
import { RequiredEnrolment } from "../../mfa/components/required-enrolment";
import { SecondStepForm, type SecondStep } from "../../mfa/components/second-step-form";

/** A right password that needs a second step (decision 0041): what the answer says to do next. */
function nextStep(error: unknown): (SecondStep & { enrol: boolean }) | null {
  if (!(error instanceof ChorusApiError) || (error.code !== "mfa_required" && error.code !== "mfa_enrolment_required")) return null;
  const { mfaToken, methods } = (error.details ?? {}) as { mfaToken?: string; methods?: string[] };
  return mfaToken ? { mfaToken, methods: methods ?? [], enrol: error.code === "mfa_enrolment_required" } : null;
}

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation("auth");
  const signIn = useSignIn();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();
  const [step, setStep] = useState<ReturnType<typeof nextStep>>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(loginRequestSchema, { login: login.trim(), password });
    if (!request) return;
    signIn.mutate(request, {
      onSuccess: onSignedIn,
      onError: (error) =>
        nextStep(error)
          ? setStep(nextStep(error))
          : showFailure(error, hasErrorCode(error, "invalid_credentials") ? t("signIn.noMatch") : errorMessage(error)),
    });
  }

  if (step?.enrol) return <RequiredEnrolment mfaToken={step.mfaToken} onSignedIn={onSignedIn} />;
  if (step) return <SecondStepForm step={step} onSignedIn={onSignedIn} onRestart={() => (setStep(null), setPassword(""))} />;
  return (
    <>
      <form onSubmit={submit} noValidate className="form" aria-label={t("signIn.form")}>
        <FormErrorSummary errors={errors} shownFields={["login", "password"]} formError={formError} />
        <TextField
          label={t("signIn.login")}
          name="login"
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          error={errorFor(errors, "login")}
          required
        />
        <TextField
          label={t("signIn.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errorFor(errors, "password")}
          required
        />
        <button type="submit" className="button button--primary" disabled={signIn.isPending}>
          {signIn.isPending ? t("signIn.submitting") : t("signIn.submit")}
        </button>
      </form>
      <PasskeySignInButton onSignedIn={onSignedIn} />
    </>
  );
}
