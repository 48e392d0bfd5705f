import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { PRODUCT_NAME, Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useFinishSso } from "../../../features/sso/api/finish-sso";

/**
 * Where the provider sends the browser back (OIDC_REDIRECT_URI): its code and state go to
 * the server once, and the session comes back in the answer, never in a URL (decision 0040).
 */
export function SsoCallbackRoute() {
  const { t } = useTranslation("app");
  const navigate = useNavigate();
  const finish = useFinishSso();
  const sent = useRef(false);
  // Read once: the address is cleaned below.
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const code = params.get("code");
  const state = params.get("state");
  const iss = params.get("iss");
  const refused = params.get("error_description") ?? params.get("error");

  useEffect(() => {
    // Once only (React runs effects twice in development): a state works a single time.
    if (sent.current || !code || !state) return;
    sent.current = true;
    // The code is spent either way: off the address bar and out of the history.
    window.history.replaceState(null, "", "/sso/callback");
    finish.mutate(
      { code, state, ...(iss ? { iss } : {}) },
      { onSuccess: ({ user }) => void navigate(user.circleId === null ? "/welcome" : "/", { replace: true }) },
    );
  }, [code, state, iss, finish, navigate]);

  const failed = refused ?? (finish.isError ? finish.error : !code || !state ? t("ssoCallback.nothingBack") : null);
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">{PRODUCT_NAME}</p>
      <Page title={failed ? t("ssoCallback.failed") : t("ssoCallback.signingIn")}>
        {failed ? (
          <>
            <ErrorAlert error={typeof failed === "string" ? new Error(failed) : failed} />
            <p>
              <Link to="/signin">{t("ssoCallback.back")}</Link>
            </p>
          </>
        ) : (
          <Loading label={t("ssoCallback.signingInNow")} />
        )}
      </Page>
    </main>
  );
}
