import type { ApiToken } from "@chorus/shared";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { formatDateTime } from "../../../lib/dates";
import { useApiTokens } from "../api/get-api-tokens";
import { useRevokeApiToken } from "../api/revoke-api-token";

/** The signed-in user's tokens with when each was made and last used; revoking asks first. */
export function ApiTokensList({ timeZone }: { timeZone: string }) {
  const tokens = useApiTokens();
  if (tokens.isPending) return <Loading label="Loading tokens…" />;
  if (tokens.isError) return <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />;
  if (tokens.data.length === 0) return <p className="muted">You have no API tokens.</p>;
  return (
    <ul className="member-list" aria-label="Your API tokens">
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
  return (
    <li className="member-row">
      <span className="member-row__identity">
        <strong>{token.name}</strong>
        <span className="muted">
          Created <When iso={token.createdAt} timeZone={timeZone} /> ·{" "}
          {token.lastUsedAt ? (
            <>
              last used <When iso={token.lastUsedAt} timeZone={timeZone} />
            </>
          ) : (
            "never used"
          )}
        </span>
      </span>
      <ConfirmAction
        label={
          <>
            Revoke…<span className="visually-hidden"> {token.name}</span>
          </>
        }
        confirmLabel={revoke.isPending ? "Revoking…" : `Revoke ${token.name}`}
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate(token.id, outcome("info", `Token “${token.name}” was revoked; scripts using it stop working now.`))}
      />
    </li>
  );
}
