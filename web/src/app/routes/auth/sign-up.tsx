import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { PRODUCT_NAME, Page } from "../../../components/page";
import { SignUpForm } from "../../../features/auth/components/sign-up-form";
import { useAuthOptions } from "../../../features/sso/api/get-auth-options";
import { SsoButton } from "../../../features/sso/components/sso-button";
import { useApiSession } from "../../../lib/api-client";

export function SignUpRoute() {
  const { t } = useTranslation("app");
  const { token } = useApiSession();
  const navigate = useNavigate();
  const passwordLogin = useAuthOptions().data?.passwordLogin ?? true;
  if (token !== null) return <Navigate to="/" replace />;
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">{PRODUCT_NAME}</p>
      <Page title={t("signUp.title")}>
        <p className="muted">{t("signUp.about")}</p>
        <SsoButton />
        {passwordLogin && <SignUpForm onSignedUp={() => void navigate("/", { replace: true })} />}
        <p>
          {t("signUp.haveAccount")} <Link to="/signin">{t("signUp.signIn")}</Link>
        </p>
      </Page>
    </main>
  );
}
