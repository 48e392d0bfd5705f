import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { Page } from "../../../components/page";
import { SignInForm } from "../../../features/auth/components/sign-in-form";
import { useApiSession } from "../../../lib/api-client";

export function SignInRoute() {
  const { token } = useApiSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/";
  if (token !== null) return <Navigate to="/" replace />;
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">Chorus</p>
      <Page title="Sign in">
        <SignInForm onSignedIn={() => navigate(from, { replace: true })} />
        <p>
          New here? <Link to="/signup">Create an account</Link>
        </p>
      </Page>
    </main>
  );
}
