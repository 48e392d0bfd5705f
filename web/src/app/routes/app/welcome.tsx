import { Page } from "../../../components/page";
import { useSignedInUser } from "../../../features/auth/api/get-signed-in-user";
import { CreateCircleForm } from "../../../features/circle/components/create-circle-form";
import { useJoinRequests } from "../../../features/circle/api/get-join-requests";
import { JoinCircleForm } from "../../../features/circle/components/join-circle-form";
import { PendingJoinRequests } from "../../../features/circle/components/pending-join-requests";

/**
 * For someone without a circle: waiting to be let in (after signing up from an invite
 * link, say) comes first; otherwise start a circle or ask to join one.
 */
export function WelcomeRoute() {
  const signedInUser = useSignedInUser();
  const joinRequests = useJoinRequests();
  const checking = signedInUser.isFetching || joinRequests.isFetching;
  const pending = joinRequests.data ?? [];
  const title =
    pending.length === 1
      ? `Waiting for ${pending[0]!.circleName} to accept you`
      : pending.length > 1
        ? "Waiting to be accepted"
        : "Welcome to Chorus";
  return (
    <Page title={title}>
      {pending.length > 0 ? (
        <section className="card" aria-label="Your join requests">
          {signedInUser.data && <PendingJoinRequests timeZone={signedInUser.data.timezone} currentCircleName={null} />}
          {/* A declined request disappears from the list, an accepted one moves you on. */}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void Promise.all([signedInUser.refetch(), joinRequests.refetch()])}
            disabled={checking}
          >
            {checking ? "Checking…" : "Check if I was accepted"}
          </button>
        </section>
      ) : (
        <p>You are not in a circle yet. Start your own, or ask to join one with its invite code.</p>
      )}
      {pending.length > 0 && <p className="muted">Not the circle you meant? Start your own, or ask to join another.</p>}
      <div className="two-columns">
        <section className="card" aria-labelledby="create-circle-heading">
          <h2 id="create-circle-heading">Start a circle</h2>
          <CreateCircleForm />
        </section>
        <section className="card" aria-labelledby="join-circle-heading">
          <h2 id="join-circle-heading">Join a circle</h2>
          <JoinCircleForm />
        </section>
      </div>
    </Page>
  );
}
