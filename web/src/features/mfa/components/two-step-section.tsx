import { passkeyNameSchema, type MfaStatus, type Passkey } from "@chorus/shared";
import { useState, type SubmitEvent } from "react";
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
  const status = useMfaStatus();
  return (
    <section className="card" aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">Two-step sign-in</h2>
      <p className="muted">
        After your password, Chorus also asks for a code from an app on your phone or for a passkey, so a leaked password is not enough.
      </p>
      {status.isPending ? (
        <Loading label="Loading two-step sign-in…" />
      ) : status.isError ? (
        <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <>
          {status.data.requiredByCircle && <p className="muted">Your circle requires admins to keep at least one of these.</p>}
          <AuthenticatorApp status={status.data} />
          {status.data.passkeysAvailable && <Passkeys status={status.data} timeZone={timeZone} />}
        </>
      )}
    </section>
  );
}

function AuthenticatorApp({ status }: { status: MfaStatus }) {
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
          Set up an authenticator app
        </button>
      </>
    );
  } else if (asking) {
    const disabling = asking === "disable";
    body = (
      <ProofForm
        label={disabling ? "Confirm turning off the authenticator app" : "Confirm new recovery codes"}
        submitLabel={disabling ? "Turn off" : "Make new codes"}
        withTotp
        withPasskey={withPasskey}
        pending={disable.isPending || regenerate.isPending}
        prove={async (proof) => {
          if (disabling) {
            await disable.mutateAsync(proof);
            notify("info", "The authenticator app is off; your recovery codes no longer work.");
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
          <strong>On.</strong> {status.recoveryCodesLeft} of 10 recovery codes left.
        </p>
        <div className="form__actions">
          <button type="button" className="button" onClick={() => setAsking("regenerate")}>
            New recovery codes…
          </button>
          <button type="button" className="button button--danger" onClick={() => setAsking("disable")}>
            Turn off…
          </button>
        </div>
      </>
    );
  }
  return (
    <div className="two-step__part">
      <h3>Authenticator app</h3>
      {body}
    </div>
  );
}

function Passkeys({ status, timeZone }: { status: MfaStatus; timeZone: string }) {
  return (
    <div className="two-step__part">
      <h3>Passkeys</h3>
      <p className="muted">Sign in with your fingerprint, face or screen lock instead of a password, or use one as the second step.</p>
      {status.passkeys.length > 0 && (
        <ul className="member-list" aria-label="Your passkeys">
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
  const remove = useDeletePasskey();
  const notify = useNotify();
  const [asking, setAsking] = useState(false);
  return (
    <li className="member-row member-row--wrap">
      <span className="member-row__identity">
        <strong>{passkey.name}</strong>
        <span className="muted">
          Added {formatDateTime(passkey.createdAt, timeZone)} ·{" "}
          {passkey.lastUsedAt ? `last used ${formatDateTime(passkey.lastUsedAt, timeZone)}` : "never used"}
        </span>
      </span>
      {asking ? (
        <ProofForm
          label={`Confirm removing ${passkey.name}`}
          submitLabel="Remove"
          withTotp={withTotp}
          withPasskey
          pending={remove.isPending}
          prove={async (proof) => {
            await remove.mutateAsync({ id: passkey.id, proof });
            notify("info", `Passkey “${passkey.name}” was removed.`);
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button button--small" onClick={() => setAsking(true)}>
          Remove…<span className="visually-hidden"> {passkey.name}</span>
        </button>
      )}
    </li>
  );
}

function AddPasskeyForm() {
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
        notify("success", `Passkey “${passkey.name}” added.`);
      },
      onError: (error) => showFailure(error),
    });
  }

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Add a passkey">
      <FormErrorSummary errors={errors} shownFields={["", "name"]} formError={formError} />
      <TextField
        label="Passkey name"
        name="name"
        hint="Which device or key it is, for example “Anna’s phone”."
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errorFor(errors, "") ?? errorFor(errors, "name")}
      />
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? "Waiting for the passkey…" : "Add a passkey"}
      </button>
    </form>
  );
}
