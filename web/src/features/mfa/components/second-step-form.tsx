import { mfaLoginRequestSchema } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSecondStep } from "../api/second-step";
import { CodeField } from "./code-field";

export interface SecondStep {
  mfaToken: string;
  /** What the person has: `totp`, `recovery_code`, `passkey`. */
  methods: readonly string[];
}

/** After a right password: a code from the app, a recovery code, or a passkey. */
export function SecondStepForm({ step, onSignedIn, onRestart }: { step: SecondStep; onSignedIn: () => void; onRestart: () => void }) {
  const { t } = useTranslation("mfa");
  const secondStep = useSecondStep();
  const withTotp = step.methods.includes("totp");
  const withPasskey = step.methods.includes("passkey");
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();
  const field = recovery ? "recoveryCode" : "code";

  const failed = (error: unknown) =>
    showFailure(error, hasErrorCode(error, "mfa_token_invalid") ? t("secondStep.tooLong") : errorMessage(error));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(mfaLoginRequestSchema, { mfaToken: step.mfaToken, [field]: value });
    if (request) secondStep.mutate(request, { onSuccess: onSignedIn, onError: failed });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t("secondStep.form")}>
      <FormErrorSummary errors={errors} shownFields={[field]} formError={formError} />
      {withTotp && (
        <>
          {recovery ? (
            <TextField
              label={t("proof.recoveryCode")}
              name="recoveryCode"
              autoComplete="one-time-code"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              error={errorFor(errors, "recoveryCode")}
            />
          ) : (
            <CodeField value={value} onChange={setValue} error={errorFor(errors, "code")} />
          )}
          <button type="submit" className="button button--primary" disabled={secondStep.isPending}>
            {secondStep.isPending ? t("checking") : t("secondStep.continue")}
          </button>
          <button type="button" className="button button--quiet" onClick={() => (setRecovery(!recovery), setValue(""))}>
            {recovery ? t("proof.useAppCode") : t("proof.useRecoveryCode")}
          </button>
        </>
      )}
      {withPasskey && (
        <button
          type="button"
          className={withTotp ? "button" : "button button--primary"}
          disabled={secondStep.isPending}
          onClick={() => secondStep.mutate({ mfaToken: step.mfaToken, passkey: true }, { onSuccess: onSignedIn, onError: failed })}
        >
          {t("secondStep.usePasskey")}
        </button>
      )}
      <button type="button" className="button button--quiet" onClick={onRestart}>
        {t("secondStep.backToPassword")}
      </button>
    </form>
  );
}
