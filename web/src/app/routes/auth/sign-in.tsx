import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { PRODUCT_NAME, Page } from "../../../components/page";
import { PinSignInForm } from "../../../features/auth/components/pin-sign-in-form";
import { SignInForm } from "../../../features/auth/components/sign-in-form";
import { useAuthOptions } from "../../../features/sso/api/get-auth-options";
import { SsoButton } from "../../../features/sso/components/sso-button";
import { useApiSession } from "../../../lib/api-client";

export function SignInRoute() {
  const { t } = useTranslation("app");
  const { token } = useApiSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/";
  const options = useAuthOptions();
  // PASSWORD_LOGIN=off (decision 0040): only single sign-on, and children's PIN sign-in.
  const passwordLogin = options.data?.passwordLogin ?? true;
  const [choseWithPin, setWithPin] = useState(false);
  const withPin = choseWithPin || !passwordLogin;
  if (token !== null) return <Navigate to="/" replace />;
  const onSignedIn = () => void navigate(from, { replace: true });
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">{PRODUCT_NAME}</p>
      <Page title={t("signIn.title")}>
        <SsoButton />
        {withPin ? <PinSignInForm onSignedIn={onSignedIn} /> : <SignInForm onSignedIn={onSignedIn} />}
        {passwordLogin && (
          <>
            <p>
              <button type="button" className="button button--quiet" onClick={() => setWithPin(!withPin)}>
                {withPin ? t("signIn.usePassword") : t("signIn.usePin")}
              </button>
            </p>
            <p>
              {t("signIn.newHere")} <Link to="/signup">{t("signIn.createAccount")}</Link>
            </p>
          </>
        )}
      </Page>
    </main>
  );
}
