import { ChorusApiError } from "@chorus/shared";
import { Link, useLocation, useNavigate } from "react-router";
import { useNotify } from "../../components/notices";
import { Page } from "../../components/page";
import { ErrorAlert, Loading } from "../../components/status";
import { useSignedInUser } from "../../features/auth/api/get-signed-in-user";
import { SignUpForm } from "../../features/auth/components/sign-up-form";
import { useJoinCircle } from "../../features/circle/api/join-circle";
import { useInviteLookup } from "../../features/circle/api/lookup-invite";
import { useAuthOptions } from "../../features/sso/api/get-auth-options";
import { SsoButton } from "../../features/sso/components/sso-button";
import { inviteCodeFromHash } from "../../features/circle/invite-link";
import { useApiSession } from "../../lib/api-client";

/**
 * Where an invite link (`/join#code=…`) lands: "Join <circle>" with sign-up (or sign-in)
 * for someone new, a confirmation for someone signed in, a clear message for a bad link.
 */
export function JoinRoute() {
  const { token } = useApiSession();
  const inviteCode = inviteCodeFromHash(useLocation().hash);
  const lookup = useInviteLookup(inviteCode);

  let content;
  if (inviteCode === null || (lookup.error instanceof ChorusApiError && lookup.error.code === "not_found")) {
    content = <InvalidInvite signedIn={token !== null} />;
  } else if (lookup.isPending) {
    content = <Loading label="Opening the invite…" />;
  } else if (lookup.isError) {
    content = <ErrorAlert title="Could not open the invite." error={lookup.error} onRetry={() => void lookup.refetch()} />;
  } else if (token === null) {
    content = <SignUpToJoin inviteCode={inviteCode} circleName={lookup.data.circleName} />;
  } else {
    content = <ConfirmJoin inviteCode={inviteCode} circleName={lookup.data.circleName} />;
  }
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">Chorus</p>
      {content}
    </main>
  );
}

function InvalidInvite({ signedIn }: { signedIn: boolean }) {
  return (
    <Page title="This invite link does not work">
      <p>
        It may be incomplete or mistyped, or the circle no longer exists. Ask whoever sent it for a new link, or for the invite code to type
        in.
      </p>
      <p>{signedIn ? <Link to="/">Go to Chorus</Link> : <Link to="/signup">Create an account without an invite</Link>}</p>
    </Page>
  );
}

function SignUpToJoin({ inviteCode, circleName }: { inviteCode: string; circleName: string }) {
  const navigate = useNavigate();
  // Signing in comes back here, so the invite is not lost on the way.
  const back = { from: `/join#code=${inviteCode}` };
  const passwordLogin = useAuthOptions().data?.passwordLogin ?? true;
  return (
    <Page title={`Join ${circleName}`}>
      <p className="muted">Create your account to ask to join. Someone who runs {circleName} then lets you in.</p>
      <SsoButton inviteCode={inviteCode} />
      {passwordLogin && <SignUpForm inviteCode={inviteCode} onSignedUp={() => void navigate("/welcome", { replace: true })} />}
      <p>
        <Link to="/signin" state={back}>
          I already have an account
        </Link>
      </p>
    </Page>
  );
}

function ConfirmJoin({ inviteCode, circleName }: { inviteCode: string; circleName: string }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const me = useSignedInUser();
  const join = useJoinCircle();
  if (me.isError) return <ErrorAlert title="Could not load your account." error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Loading label="Loading your account…" />;
  const inCircle = me.data.circleId !== null;
  return (
    <Page title={`Join ${circleName}`}>
      <p>
        Signed in as <strong>{me.data.displayName}</strong>. Ask to join {circleName}; someone who runs it then lets you in.
        {inCircle && " Once you are accepted there, you leave the circle you are in now."}
      </p>
      {join.isError && <ErrorAlert error={join.error} />}
      <p className="onboarding-buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={join.isPending}
          onClick={() =>
            join.mutate(inviteCode, {
              onSuccess: () => {
                notify("success", `Request sent. Waiting for ${circleName} to accept you.`);
                void navigate(inCircle ? "/circle" : "/welcome", { replace: true });
              },
            })
          }
        >
          {join.isPending ? "Sending request…" : `Ask to join ${circleName}`}
        </button>
        <Link to="/" className="button">
          Not now
        </Link>
      </p>
    </Page>
  );
}
