import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/status";
import { useAuthOptions } from "../api/get-auth-options";
import { useStartSso } from "../api/start-sso";

/** "Sign in with <provider>", when the server has one; from an invite link a new account asks to join that circle. */
export function SsoButton({ inviteCode }: { inviteCode?: string }) {
  const { t } = useTranslation("sso");
  const options = useAuthOptions();
  const start = useStartSso();
  const sso = options.data?.sso;
  if (!sso) return null;
  return (
    <div className="sso-sign-in">
      <button
        type="button"
        className="button sso-sign-in__button"
        disabled={start.isPending || start.isSuccess}
        onClick={() => start.mutate(inviteCode ? { inviteCode } : {})}
      >
        {start.isPending || start.isSuccess ? t("button.opening", { provider: sso.name }) : t("button.signIn", { provider: sso.name })}
      </button>
      {start.isError && <ErrorAlert error={start.error} />}
    </div>
  );
}
