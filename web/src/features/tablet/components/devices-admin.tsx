import { createDeviceRequestSchema, type Device } from "@chorus/shared";
import { Link } from "react-router";
import { ConfirmAction } from "../../../components/confirm-action";
import { CreateWithSecretForm } from "../../../components/create-with-secret-form";
import { useNotifyOutcome } from "../../../components/notices";
import { SecretShownOnce } from "../../../components/secret-shown-once";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useCreateDevice } from "../api/create-device";
import { useDevices } from "../api/get-devices";
import { useRevokeDevice } from "../api/revoke-device";
import { tabletLink } from "../tablet-link";
import { QrCode } from "../../../components/qr-code";

/** The circle page's "Shared tablets" card, for admins: create one (token shown once), list, revoke. */
export function DevicesAdmin({ timeZone }: { timeZone: string }) {
  return (
    <section className="card" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Shared tablets</h2>
      <p className="muted">
        A tablet on the wall where everyone picks their name and marks chores done or skipped. It can do nothing else. Open{" "}
        <Link to="/tablet">the tablet page</Link> on the tablet and paste its token.
      </p>
      <DevicesList timeZone={timeZone} />
      <CreateDeviceForm />
    </section>
  );
}

function DevicesList({ timeZone }: { timeZone: string }) {
  const devices = useDevices();
  if (devices.isPending) return <Loading label="Loading tablets…" />;
  if (devices.isError) return <ErrorAlert error={devices.error} onRetry={() => void devices.refetch()} />;
  if (devices.data.length === 0) return <p className="muted">No shared tablets yet.</p>;
  return (
    <ul className="member-list" aria-label="Shared tablets">
      {devices.data.map((device) => (
        <DeviceRow key={device.id} device={device} timeZone={timeZone} />
      ))}
    </ul>
  );
}

function DeviceRow({ device, timeZone }: { device: Device; timeZone: string }) {
  const revoke = useRevokeDevice();
  const outcome = useNotifyOutcome();
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{device.name}</strong>
        <span className="muted">{device.lastUsedAt ? <>Last used {formatDateTime(device.lastUsedAt, timeZone)}</> : "Never used"}</span>
      </span>
      <ConfirmAction
        label={
          <>
            Revoke…<span className="visually-hidden"> {device.name}</span>
          </>
        }
        confirmLabel={revoke.isPending ? "Revoking…" : `Revoke ${device.name}`}
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate(device.id, outcome("info", `${device.name} was revoked; it stops working now.`))}
      />
    </li>
  );
}

function CreateDeviceForm() {
  return (
    <CreateWithSecretForm
      formLabel="Add a shared tablet"
      fieldLabel="Tablet name"
      hint="Shown in history: “Done via Kitchen tablet for Alex”."
      submitLabel="Add tablet"
      pendingLabel="Adding…"
      schema={createDeviceRequestSchema}
      create={useCreateDevice()}
      renderCreated={(created, done) => (
        <SecretShownOnce label="New tablet token" secret={created.token} testId="new-device-token" onDone={done}>
          <p>
            <strong>{created.name} is ready.</strong> Scan this code with the tablet’s camera, or open{" "}
            <code>{`${window.location.origin}/tablet`}</code> on it and paste the token. You won’t see either again.
          </p>
          <QrCode text={tabletLink(window.location.origin, created.token)} label={`QR code that sets up ${created.name}`} />
        </SecretShownOnce>
      )}
    />
  );
}
