import { createDeviceRequestSchema, type Device } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
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
  const { t } = useTranslation("tablet");
  return (
    <section className="card" aria-labelledby="devices-heading">
      <h2 id="devices-heading">{t("devicesAdmin.heading")}</h2>
      <p className="muted">
        <Trans t={t} i18nKey="devicesAdmin.about" components={{ tabletPage: <Link to="/tablet" /> }} />
      </p>
      <DevicesList timeZone={timeZone} />
      <CreateDeviceForm />
    </section>
  );
}

function DevicesList({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation("tablet");
  const devices = useDevices();
  if (devices.isPending) return <Loading label={t("devicesAdmin.loading")} />;
  if (devices.isError) return <ErrorAlert error={devices.error} onRetry={() => void devices.refetch()} />;
  if (devices.data.length === 0) return <p className="muted">{t("devicesAdmin.none")}</p>;
  return (
    <ul className="member-list" aria-label={t("devicesAdmin.list")}>
      {devices.data.map((device) => (
        <DeviceRow key={device.id} device={device} timeZone={timeZone} />
      ))}
    </ul>
  );
}

function DeviceRow({ device, timeZone }: { device: Device; timeZone: string }) {
  const revoke = useRevokeDevice();
  const outcome = useNotifyOutcome();
  const { t } = useTranslation("tablet");
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{device.name}</strong>
        <span className="muted">
          {device.lastUsedAt
            ? t("devicesAdmin.lastUsed", { when: formatDateTime(device.lastUsedAt, timeZone) })
            : t("devicesAdmin.neverUsed")}
        </span>
      </span>
      <ConfirmAction
        label={
          <Trans
            t={t}
            i18nKey="devicesAdmin.revoke"
            values={{ name: device.name }}
            components={{ hidden: <span className="visually-hidden" /> }}
          />
        }
        confirmLabel={revoke.isPending ? t("devicesAdmin.revoking") : t("devicesAdmin.revokeNamed", { name: device.name })}
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate(device.id, outcome("info", t("devicesAdmin.revoked", { name: device.name })))}
      />
    </li>
  );
}

function CreateDeviceForm() {
  const { t } = useTranslation("tablet");
  return (
    <CreateWithSecretForm
      formLabel={t("devicesAdmin.formLabel")}
      fieldLabel={t("devicesAdmin.fieldLabel")}
      hint={t("devicesAdmin.hint")}
      submitLabel={t("devicesAdmin.submit")}
      pendingLabel={t("devicesAdmin.adding")}
      schema={createDeviceRequestSchema}
      create={useCreateDevice()}
      renderCreated={(created, done) => (
        <SecretShownOnce label={t("devicesAdmin.newToken")} secret={created.token} testId="new-device-token" onDone={done}>
          <p>
            <Trans
              t={t}
              i18nKey="devicesAdmin.ready"
              values={{ name: created.name, url: `${window.location.origin}/tablet` }}
              components={{ strong: <strong />, code: <code /> }}
            />
          </p>
          <QrCode text={tabletLink(window.location.origin, created.token)} label={t("devicesAdmin.qr", { name: created.name })} />
        </SecretShownOnce>
      )}
    />
  );
}
