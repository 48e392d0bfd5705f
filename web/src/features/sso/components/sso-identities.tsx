import type { SsoIdentity } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useAuthOptions } from "../api/get-auth-options";
import { useSsoIdentities } from "../api/get-sso-identities";
import { useUnlinkSsoIdentity } from "../api/unlink-sso-identity";

/** The Account page's section: which provider accounts sign in as you; shown only where single sign-on is set up. */
export function SsoIdentities({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation("sso");
  const options = useAuthOptions();
  const identities = useSsoIdentities();
  if (!options.data?.sso) return null;
  return (
    <section className="card" aria-labelledby="sso-heading">
      <h2 id="sso-heading">{t("identities.heading")}</h2>
      <p className="muted">{t("identities.intro", { provider: options.data.sso.name })}</p>
      {identities.isPending ? (
        <Loading label={t("identities.loading")} />
      ) : identities.isError ? (
        <ErrorAlert error={identities.error} onRetry={() => void identities.refetch()} />
      ) : identities.data.length === 0 ? (
        <p className="muted">{t("identities.none", { provider: options.data.sso.name })}</p>
      ) : (
        <ul className="member-list" aria-label={t("identities.list")}>
          {identities.data.map((identity) => (
            <IdentityRow key={identity.id} identity={identity} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function IdentityRow({ identity, timeZone }: { identity: SsoIdentity; timeZone: string }) {
  const { t } = useTranslation("sso");
  const unlink = useUnlinkSsoIdentity();
  const outcome = useNotifyOutcome();
  const name = identity.email ?? identity.issuer;
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{name}</strong>
        <span className="muted">
          <Trans
            t={t}
            i18nKey="identities.linked"
            values={{ date: formatDateTime(identity.createdAt, timeZone) }}
            components={{ time: <time dateTime={identity.createdAt} /> }}
          />
        </span>
      </span>
      <ConfirmAction
        label={
          <Trans t={t} i18nKey="identities.unlinkAsk" values={{ name }} components={{ hidden: <span className="visually-hidden" /> }} />
        }
        confirmLabel={unlink.isPending ? t("identities.unlinking") : t("identities.unlink", { name })}
        pending={unlink.isPending}
        onConfirm={() => unlink.mutate(identity.id, outcome("info", t("identities.unlinked", { name })))}
      />
    </li>
  );
}
