import { confirmTotpRequestSchema, type TotpEnrolment } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
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
  const { t } = useTranslation("mfa");
  const [code, setCode] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const request = validate(confirmTotpRequestSchema, { code });
    if (request) confirm(request.code).catch((error: unknown) => showFailure(error));
  }

  return (
    <form onSubmit={submit} noValidate className="form totp-setup" aria-label={t("totpSetup.form")}>
      <FormErrorSummary errors={errors} shownFields={["code"]} formError={formError} />
      <p>{t("totpSetup.scan")}</p>
      <QrCode text={enrolment.uri} label={t("totpSetup.qrCode")} />
      <p>
        <Trans
          t={t}
          i18nKey="totpSetup.typeKey"
          values={{ secret: enrolment.secret }}
          components={{ code: <code data-testid="totp-secret" /> }}
        />
      </p>
      <CodeField value={code} onChange={setCode} error={errorFor(errors, "code")} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t("checking") : t("totpSetup.turnOn")}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t("cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
