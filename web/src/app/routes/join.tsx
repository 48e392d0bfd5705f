import { ChorusApiError } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { useNotify } from "../../components/notices";
import { PRODUCT_NAME, Page } from "../../components/page";
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
  const { t } = useTranslation("app");
  const { token } = useApiSession();
  const inviteCode = inviteCodeFromHash(useLocation().hash);
  const lookup = useInviteLookup(inviteCode);

  let content;
  if (inviteCode === null || (lookup.error instanceof ChorusApiError && lookup.error.code === "not_found")) {
    content = <InvalidInvite signedIn={token !== null} />;
  } else if (lookup.isPending) {
    content = <Loading label={t("join.opening")} />;
  } else if (lookup.isError) {
    content = <ErrorAlert title={t("join.openFailed")} error={lookup.error} onRetry={() => void lookup.refetch()} />;
  } else if (token === null) {
    content = <SignUpToJoin inviteCode={inviteCode} circleName={lookup.data.circleName} />;
  } else {
    content = <ConfirmJoin inviteCode={inviteCode} circleName={lookup.data.circleName} />;
  }
  return (
    <main id="main" className="auth-page">
      <p className="auth-page__brand">{PRODUCT_NAME}</p>
      {content}
    </main>
  );
}

function InvalidInvite({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation("app");
  return (
    <Page title={t("join.invalidTitle")}>
      <p>{t("join.invalidAbout")}</p>
      <p>{signedIn ? <Link to="/">{t("join.goToChorus")}</Link> : <Link to="/signup">{t("join.signUpWithout")}</Link>}</p>
    </Page>
  );
}

function SignUpToJoin({ inviteCode, circleName }: { inviteCode: string; circleName: string }) {
  const { t } = useTranslation("app");
  const navigate = useNavigate();
  // Signing in comes back here, so the invite is not lost on the way.
  const back = { from: `/join#code=${inviteCode}` };
  const passwordLogin = useAuthOptions().data?.passwordLogin ?? true;
  return (
    <Page title={t("join.title", { circle: circleName })}>
      <p className="muted">{t("join.signUpAbout", { circle: circleName })}</p>
      <SsoButton inviteCode={inviteCode} />
      {passwordLogin && <SignUpForm inviteCode={inviteCode} onSignedUp={() => void navigate("/welcome", { replace: true })} />}
      <p>
        <Link to="/signin" state={back}>
          {t("join.haveAccount")}
        </Link>
      </p>
    </Page>
  );
}

function ConfirmJoin({ inviteCode, circleName }: { inviteCode: string; circleName: string }) {
  const { t } = useTranslation("app");
  const navigate = useNavigate();
  const notify = useNotify();
  const me = useSignedInUser();
  const join = useJoinCircle();
  if (me.isError) return <ErrorAlert title={t("shell.loadAccountFailed")} error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Loading label={t("shell.loadingAccount")} />;
  const inCircle = me.data.circleId !== null;
  return (
    <Page title={t("join.title", { circle: circleName })}>
      <p>
        {/* The name is the strong element's own child: a name is never read as markup. */}
        <Trans
          t={t}
          i18nKey="join.signedInAs"
          values={{ circle: circleName }}
          components={{ strong: <strong>{me.data.displayName}</strong> }}
        />
        {inCircle && ` ${t("join.leaveCurrent")}`}
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
                notify("success", t("join.requestSent", { circle: circleName }));
                void navigate(inCircle ? "/circle" : "/welcome", { replace: true });
              },
            })
          }
        >
          {join.isPending ? t("join.sending") : t("join.ask", { circle: circleName })}
        </button>
        <Link to="/" className="button">
          {t("join.notNow")}
        </Link>
      </p>
    </Page>
  );
}
