import { mfaProofSchema, type MfaProof } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useStepUpPasskey } from "../api/step-up-passkey";
import { CodeField } from "./code-field";

interface ProofFormProps {
  /** The form's accessible name, e.g. "Confirm turning off the app". */
  label: string;
  submitLabel: string;
  /** The passkey button when it is the only way, e.g. "Turn off with a passkey". */
  passkeyLabel: string;
  withTotp: boolean;
  withPasskey: boolean;
  pending: boolean;
  /** Sends the proof; rejects with the server's answer to show. */
  prove: (proof: MfaProof) => Promise<unknown>;
  onCancel: () => void;
}

/** Removing or replacing a factor asks for one first: a current code, a recovery code, or a passkey. */
export function ProofForm({ label, submitLabel, passkeyLabel, withTotp, withPasskey, pending, prove, onCancel }: ProofFormProps) {
  const { t } = useTranslation("mfa");
  const [value, setValue] = useState("");
  const [recovery, setRecovery] = useState(false);
  const stepUpPasskey = useStepUpPasskey();
  const { errors, formError, validate, showFailure } = useFormErrors();
  const field = recovery ? "recoveryCode" : "code";

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const proof = validate(mfaProofSchema, { [field]: value });
    if (proof) prove(proof).catch((error: unknown) => showFailure(error));
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={label}>
      <FormErrorSummary errors={errors} shownFields={[field]} formError={formError} />
      {withTotp &&
        (recovery ? (
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
        ))}
      <div className="form__actions">
        {withTotp && (
          <button type="submit" className="button button--danger" disabled={pending}>
            {submitLabel}
          </button>
        )}
        {withTotp && (
          <button type="button" className="button button--quiet" onClick={() => (setRecovery(!recovery), setValue(""))}>
            {recovery ? t("proof.useAppCode") : t("proof.useRecoveryCode")}
          </button>
        )}
        {withPasskey && (
          <button
            type="button"
            className={withTotp ? "button" : "button button--danger"}
            disabled={pending}
            onClick={() =>
              void stepUpPasskey()
                .then(prove)
                .catch((error: unknown) => showFailure(error))
            }
          >
            {withTotp ? t("proof.usePasskeyInstead") : passkeyLabel}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
