import { useApiSession } from "../../../lib/api-client";
import { useActingUser } from "../api/get-acting-user";
import { useImpersonation } from "../use-impersonation";
import { ActAsCountdown } from "./act-as-countdown";

/**
 * Shown on every page while the impersonation header is being sent. The name and the
 * time left come from GET /users/me (the server's view); until it answers, the id stands in.
 */
export function ImpersonationBanner() {
  const { actingAs } = useApiSession();
  const actingUser = useActingUser();
  const { stop } = useImpersonation();
  if (actingAs === null) return null;
  const confirmed = actingUser.data?.impersonatorUserId != null;
  const name = confirmed && actingUser.data ? actingUser.data.displayName : `member #${actingAs}`;
  const expiresAt = confirmed ? actingUser.data?.impersonationExpiresAt : null;
  return (
    <section className="impersonation-banner" aria-label="Viewing tasks as another member" data-testid="impersonation-banner">
      <p>
        {confirmed ? (
          <>
            You are acting as <strong>{name}</strong>
            {/* When time is up, ask the server again: it ends the act-as session with its own message. */}
            {expiresAt && (
              <>
                {" "}
                · <ActAsCountdown expiresAt={expiresAt} onElapsed={() => void actingUser.refetch()} />
              </>
            )}
          </>
        ) : (
          <>Switching to {name}…</>
        )}
      </p>
      <button type="button" className="button button--on-dark" onClick={stop}>
        Exit impersonation
      </button>
    </section>
  );
}
