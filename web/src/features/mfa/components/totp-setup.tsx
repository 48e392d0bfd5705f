import { confirmTotpRequestSchema, type TotpEnrolment } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { FormErrorSummary, errorFor } from "../../../components/form";
import { QrCode } from "../../../components/qr-code";
import { useFormErrors } from "../../../lib/use-form-errors";
import { CodeField } from "./code-field";

interface TotpSetupProps {
  enrolment: TotpEnrolment;
  pending: boolean;
  /** Sends the first code; rejects with the server's answer to show. */
  confirm: (code: string) => Promise<unknown>;
  onCancel?: () => void;
}

/** The new secret as a QR code and as text to type, and the first code that turns it on. */
export function TotpSetup({ enrolment, pending, confirm, onCancel }: TotpSetupProps) {
  const [code, setCode] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(confirmTotpRequestSchema, { code });
    if (request) confirm(request.code).catch((error: unknown) => showFailure(error));
  }

  return (
    <form onSubmit={submit} noValidate className="form totp-setup" aria-label="Set up an authenticator app">
      <FormErrorSummary errors={errors} shownFields={["code"]} formError={formError} />
      <p>Scan this code with an authenticator app (such as Aegis, Google Authenticator or 1Password), then enter the code it shows.</p>
      <QrCode text={enrolment.uri} label="QR code for your authenticator app" />
      <p>
        Or type this key into the app: <code data-testid="totp-secret">{enrolment.secret}</code>
      </p>
      <CodeField value={code} onChange={setCode} error={errorFor(errors, "code")} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Checking…" : "Turn on"}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
