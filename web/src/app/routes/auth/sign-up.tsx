import { Link, Navigate, useNavigate } from "react-router";
import { Page } from "../../../components/page";
import { SignUpForm } from "../../../features/auth/components/sign-up-form";
import { useAuthOptions } from "../../../features/sso/api/get-auth-options";
import { SsoButton } from "../../../features/sso/components/sso-button";
import { useApiSession } from "../../../lib/api-client";

export function SignUpRoute() {
  const { token } = useApiSession();
  const navigate = useNavigate();
  const passwordLogin = useAuthOptions().data?.passwordLogin ?? true;
  if (token !== null) return <Navigate to="/" replace />;
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">Chorus</p>
      <Page title="Create your account">
        <p className="muted">You get your own circle, with you as its admin. You can join another circle with an invite code later.</p>
        <SsoButton />
        {passwordLogin && <SignUpForm onSignedUp={() => void navigate("/", { replace: true })} />}
        <p>
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </Page>
    </main>
  );
}
