import { Trans, useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useMemberPoints } from "../../../features/points/api/get-member-points";
import { AdjustPointsForm } from "../../../features/points/components/adjust-points-form";
import { PointsHistory } from "../../../features/points/components/points-history";
import { NotFoundRoute } from "../not-found";
import { useViewer } from "./viewer";

/** `/points/:userId`: a member's points and every change to them (decision 0025). */
export function MemberPointsRoute() {
  const { userId } = useParams();
  return userId && /^[1-9][0-9]{0,9}$/.test(userId) ? <MemberPoints userId={Number(userId)} /> : <NotFoundRoute />;
}

function MemberPoints({ userId }: { userId: number }) {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const ledger = useMemberPoints(userId);
  const own = userId === viewer.acting.id;
  // Adjusting and waiving are an admin's own acts: never while viewing as someone.
  const administers = !viewer.impersonating && viewer.self.role === "admin";

  if (ledger.isPending) return <Loading label={t("memberPoints.loading")} />;
  if (ledger.isError) {
    return (
      <Page title={t("memberPoints.title")}>
        <ErrorAlert title={t("memberPoints.loadFailed")} error={ledger.error} onRetry={() => void ledger.refetch()} />
        <Link to="/circle">{t("memberPoints.backToCircle")}</Link>
      </Page>
    );
  }
  const { member } = ledger.data.pages[0]!;
  const title = own && !viewer.impersonating ? t("memberPoints.titleOwn") : t("memberPoints.titleOf", { name: member.displayName });
  return (
    <Page title={title}>
      <p className="points-balance">
        <Trans t={t} i18nKey="memberPoints.balance" count={member.points} components={{ strong: <strong /> }} />
      </p>
      <div className="two-columns two-columns--top">
        <section className="card" aria-labelledby="points-history-heading">
          <h2 id="points-history-heading">{t("shared.history")}</h2>
          <PointsHistory
            entries={ledger.data.pages.flatMap((page) => page.entries)}
            member={member}
            timeZone={viewer.self.timezone}
            canWaive={administers}
          />
          {ledger.hasNextPage && (
            <button type="button" className="button" disabled={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
              {ledger.isFetchingNextPage ? t("status.loading", { ns: "common" }) : t("shared.showOlder")}
            </button>
          )}
        </section>
        {administers && (
          <div>
            <AdjustPointsForm member={member} />
          </div>
        )}
      </div>
    </Page>
  );
}
