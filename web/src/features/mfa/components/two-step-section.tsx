import { passkeyNameSchema, type MfaStatus, type Passkey } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { FormErrorSummary, TextField, errorFor } from "../../../components/form";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddPasskey } from "../api/add-passkey";
import { useConfirmTotp } from "../api/confirm-totp";
import { useDeletePasskey } from "../api/delete-passkey";
import { useDisableTotp } from "../api/disable-totp";
import { useMfaStatus } from "../api/get-mfa-status";
import { useRegenerateRecoveryCodes } from "../api/regenerate-recovery-codes";
import { useStartTotp } from "../api/start-totp";
import { ProofForm } from "./proof-form";
import { RecoveryCodesShown } from "./recovery-codes-shown";
import { TotpSetup } from "./totp-setup";

/** The Account page's "Two-step sign-in": the authenticator app with its recovery codes, and passkeys. */
export function TwoStepSection({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation("mfa");
  const status = useMfaStatus();
  return (
    <section className="card" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">{t("section.heading")}</h2>
      <p className="muted">{t("section.intro")}</p>
      {status.isPending ? (
        <Loading label={t("section.loading")} />
      ) : status.isError ? (
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <>
          {status.data.requiredByCircle && <p className="muted">{t("section.requiredByCircle")}</p>}
          <AuthenticatorApp status={status.data} />
          {status.data.passkeysAvailable && <Passkeys status={status.data} timeZone={timeZone} />}
        </>
      )}
    </section>
  );
}

function AuthenticatorApp({ status }: { status: MfaStatus }) {
  const { t } = useTranslation("mfa");
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const disable = useDisableTotp();
  const regenerate = useRegenerateRecoveryCodes();
  const notify = useNotify();
  const [asking, setAsking] = useState<"disable" | "regenerate" | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const withPasskey = status.passkeysAvailable && status.passkeys.length > 0;

  let body;
  if (codes) {
    body = <RecoveryCodesShown codes={codes} onDone={() => setCodes(null)} />;
  } else if (!status.totpEnabled && start.data) {
    body = (
      <TotpSetup
        enrolment={start.data}
        pending={confirm.isPending}
        confirm={async (code) => {
          setCodes((await confirm.mutateAsync(code)).recoveryCodes);
          start.reset();
        }}
        onCancel={() => start.reset()}
      />
    );
  } else if (!status.totpEnabled) {
    body = (
      <>
        {start.isError && <ErrorAlert error={start.error} />}
        <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate()}>
          {t("app.setUp")}
        </button>
      </>
    );
  } else if (asking) {
    const disabling = asking === "disable";
    body = (
      <ProofForm
        label={disabling ? t("app.confirmTurnOff") : t("app.confirmNewCodes")}
        submitLabel={disabling ? t("app.turnOff") : t("app.makeNewCodes")}
        passkeyLabel={disabling ? t("app.turnOffWithPasskey") : t("app.makeNewCodesWithPasskey")}
        withTotp
        withPasskey={withPasskey}
        pending={disable.isPending || regenerate.isPending}
        prove={async (proof) => {
          if (disabling) {
            await disable.mutateAsync(proof);
            notify("info", t("app.turnedOff"));
          } else {
            setCodes((await regenerate.mutateAsync(proof)).recoveryCodes);
          }
          setAsking(null);
        }}
        onCancel={() => setAsking(null)}
      />
    );
  } else {
    body = (
      <>
        <p>
          <Trans t={t} i18nKey="app.on" count={status.recoveryCodesLeft} components={{ strong: <strong /> }} />
        </p>
        <div className="form__actions">
          <button type="button" className="button" onClick={() => setAsking("regenerate")}>
            {t("app.newCodes")}
          </button>
          <button type="button" className="button button--danger" onClick={() => setAsking("disable")}>
            {t("app.turnOffAsk")}
          </button>
        </div>
      </>
    );
  }
  return (
    <div className="two-step__part">
      <h3>{t("app.heading")}</h3>
      {body}
    </div>
  );
}

function Passkeys({ status, timeZone }: { status: MfaStatus; timeZone: string }) {
  const { t } = useTranslation("mfa");
  return (
    <div className="two-step__part">
      <h3>{t("passkeys.heading")}</h3>
      <p className="muted">{t("passkeys.intro")}</p>
      {status.passkeys.length > 0 && (
        <ul className="member-list" aria-label={t("passkeys.list")}>
          {status.passkeys.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} withTotp={status.totpEnabled} timeZone={timeZone} />
          ))}
        </ul>
      )}
      <AddPasskeyForm />
    </div>
  );
}

function PasskeyRow({ passkey, withTotp, timeZone }: { passkey: Passkey; withTotp: boolean; timeZone: string }) {
  const { t } = useTranslation("mfa");
  const remove = useDeletePasskey();
  const notify = useNotify();
  const [asking, setAsking] = useState(false);
  return (
    <li className="member-row member-row--wrap">
      <span className="member-row__identity">
        <strong>{passkey.name}</strong>
        <span className="muted">
          {passkey.lastUsedAt
            ? t("passkeys.addedLastUsed", {
                added: formatDateTime(passkey.createdAt, timeZone),
                lastUsed: formatDateTime(passkey.lastUsedAt, timeZone),
              })
            : t("passkeys.addedNeverUsed", { added: formatDateTime(passkey.createdAt, timeZone) })}
        </span>
      </span>
      {asking ? (
        <ProofForm
          label={t("passkeys.confirmRemove", { name: passkey.name })}
          submitLabel={t("passkeys.remove")}
          passkeyLabel={t("passkeys.removeWithPasskey")}
          withTotp={withTotp}
          withPasskey
          pending={remove.isPending}
          prove={async (proof) => {
            await remove.mutateAsync({ id: passkey.id, proof });
            notify("info", t("passkeys.removed", { name: passkey.name }));
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button button--small" onClick={() => setAsking(true)}>
          <Trans
            t={t}
            i18nKey="passkeys.removeAsk"
            values={{ name: passkey.name }}
            components={{ hidden: <span className="visually-hidden" /> }}
          />
        </button>
      )}
    </li>
  );
}

function AddPasskeyForm() {
  const { t } = useTranslation("mfa");
  const add = useAddPasskey();
  const notify = useNotify();
  const [name, setName] = useState("");
  const { errors, formError, validate, showFailure } = useFormErrors();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = validate({ safeParse: (value: unknown) => passkeyNameSchema.safeParse(value) }, name);
    if (parsed === null) return;
    add.mutate(parsed, {
      onSuccess: (passkey) => {
        setName("");
        notify("success", t("passkeys.added", { name: passkey.name }));
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={t("passkeys.addForm")}>
      <FormErrorSummary errors={errors} shownFields={["", "name"]} formError={formError} />
      <TextField
        label={t("passkeys.name")}
        name="name"
        hint={t("passkeys.nameHint")}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errorFor(errors, "") ?? errorFor(errors, "name")}
      />
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? t("passkeySignIn.waiting") : t("passkeys.add")}
      </button>
    </form>
  );
}
