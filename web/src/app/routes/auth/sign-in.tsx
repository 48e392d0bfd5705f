import { useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { Page } from "../../../components/page";
import { PinSignInForm } from "../../../features/auth/components/pin-sign-in-form";
import { SignInForm } from "../../../features/auth/components/sign-in-form";
import { useApiSession } from "../../../lib/api-client";

export function SignInRoute() {
  const { token } = useApiSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/";
  const [withPin, setWithPin] = useState(false);
  if (token !== null) return <Navigate to="/" replace />;
  const onSignedIn = () => void navigate(from, { replace: true });
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">Chorus</p>
      <Page title="Sign in">
        {withPin ? <PinSignInForm onSignedIn={onSignedIn} /> : <SignInForm onSignedIn={onSignedIn} />}
        <p>
          <button type="button" className="button button--quiet" onClick={() => setWithPin(!withPin)}>
            {withPin ? "Use a password instead" : "Child's account? Use a PIN"}
          </button>
        </p>
        <p>
          New here? <Link to="/signup">Create an account</Link>
        </p>
      </Page>
    </main>
  );
}
