import type { ApiToken } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useApiTokens } from "../api/get-api-tokens";
import { useRevokeApiToken } from "../api/revoke-api-token";

/** The signed-in user's tokens with when each was made and last used; revoking asks first. */
export function ApiTokensList({ timeZone }: { timeZone: string }) {
  const tokens = useApiTokens();
  const { t } = useTranslation("account");
  if (tokens.isPending) return <Loading label={t("tokens.loading")} />;
  if (tokens.isError) return <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />;
  if (tokens.data.length === 0) return <p className="muted">{t("tokens.none")}</p>;
  return (
    <ul className="member-list" aria-label={t("tokens.list")}>
      {tokens.data.map((token) => (
        <ApiTokenRow key={token.id} token={token} timeZone={timeZone} />
      ))}
    </ul>
  );
}

function When({ iso, timeZone }: { iso: string; timeZone: string }) {
  return <time dateTime={iso}>{formatDateTime(iso, timeZone)}</time>;
}

function ApiTokenRow({ token, timeZone }: { token: ApiToken; timeZone: string }) {
  const revoke = useRevokeApiToken();
  const outcome = useNotifyOutcome();
  const { t } = useTranslation("account");
  const name = token.name;
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{token.name}</strong>
        <span className="muted">
          <Trans
            t={t}
            i18nKey={token.lastUsedAt ? "tokens.usedAt" : "tokens.neverUsed"}
            components={{
              created: <When iso={token.createdAt} timeZone={timeZone} />,
              used: token.lastUsedAt ? <When iso={token.lastUsedAt} timeZone={timeZone} /> : <></>,
            }}
          />
        </span>
      </span>
      <ConfirmAction
        label={<Trans t={t} i18nKey="tokens.revoke" values={{ name }} components={{ hidden: <span className="visually-hidden" /> }} />}
        confirmLabel={revoke.isPending ? t("tokens.revoking") : t("tokens.revokeName", { name })}
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate(token.id, outcome("info", t("tokens.revoked", { name })))}
      />
    </li>
  );
}
