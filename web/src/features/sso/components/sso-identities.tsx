import type { SsoIdentity } from "@chorus/shared";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useAuthOptions } from "../api/get-auth-options";
import { useSsoIdentities } from "../api/get-sso-identities";
import { useUnlinkSsoIdentity } from "../api/unlink-sso-identity";

/** The Account page's section: which provider accounts sign in as you; shown only where single sign-on is set up. */
export function SsoIdentities({ timeZone }: { timeZone: string }) {
  const options = useAuthOptions();
  const identities = useSsoIdentities();
  if (!options.data?.sso) return null;
  return (
    <section className="card" aria-labelledby="sso-heading">
      <h2 id="sso-heading">Single sign-on</h2>
      <p className="muted">Accounts at {options.data.sso.name} that sign you in here.</p>
      {identities.isPending ? (
        <Loading label="Loading linked accounts…" />
      ) : identities.isError ? (
        <ErrorAlert error={identities.error} onRetry={() => void identities.refetch()} />
      ) : identities.data.length === 0 ? (
        <p className="muted">None yet: signing in with {options.data.sso.name} links your account there.</p>
      ) : (
        <ul className="member-list" aria-label="Linked accounts">
          {identities.data.map((identity) => (
            <IdentityRow key={identity.id} identity={identity} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function IdentityRow({ identity, timeZone }: { identity: SsoIdentity; timeZone: string }) {
  const unlink = useUnlinkSsoIdentity();
  const outcome = useNotifyOutcome();
  const name = identity.email ?? identity.issuer;
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{name}</strong>
        <span className="muted">
          Linked <time dateTime={identity.createdAt}>{formatDateTime(identity.createdAt, timeZone)}</time>
        </span>
      </span>
      <ConfirmAction
        label={
          <>
            Unlink…<span className="visually-hidden"> {name}</span>
          </>
        }
        confirmLabel={unlink.isPending ? "Unlinking…" : `Unlink ${name}`}
        pending={unlink.isPending}
        onConfirm={() => unlink.mutate(identity.id, outcome("info", `${name} no longer signs you in.`))}
      />
    </li>
  );
}
