import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("app");
  const signedInUser = useSignedInUser();
  const joinRequests = useJoinRequests();
  const checking = signedInUser.isFetching || joinRequests.isFetching;
  const pending = joinRequests.data ?? [];
  const title =
    pending.length === 1
      ? t("welcome.waitingFor", { circle: pending[0]!.circleName })
      : pending.length > 1
        ? t("welcome.waiting")
        : t("welcome.title");
  return (
    <Page title={title}>
      {pending.length > 0 ? (
        <section className="card" aria-label={t("welcome.joinRequests")}>
          {signedInUser.data && <PendingJoinRequests timeZone={signedInUser.data.timezone} currentCircleName={null} />}
          {/* A declined request disappears from the list, an accepted one moves you on. */}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void Promise.all([signedInUser.refetch(), joinRequests.refetch()])}
            disabled={checking}
          >
            {checking ? t("welcome.checking") : t("welcome.check")}
          </button>
        </section>
      ) : (
        <p>{t("welcome.noCircle")}</p>
      )}
      {pending.length > 0 && <p className="muted">{t("welcome.notMeant")}</p>}
      <div className="two-columns">
        <section className="card" aria-labelledby="create-circle-heading">
          <h2 id="create-circle-heading">{t("welcome.start")}</h2>
          <CreateCircleForm />
        </section>
        <section className="card" aria-labelledby="join-circle-heading">
          <h2 id="join-circle-heading">{t("welcome.join")}</h2>
          <JoinCircleForm />
        </section>
      </div>
    </Page>
  );
}
