import { isAdminOrManager } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Page } from "../../../components/page";
import { ErrorAlert, Loading } from "../../../components/status";
import { useMemberNames, useMembers } from "../../../features/circle/api/get-members";
import { useRewardRequests, useRewards } from "../../../features/rewards/api/rewards";
import { RewardForm } from "../../../features/rewards/components/reward-form";
import { RewardList } from "../../../features/rewards/components/reward-list";
import { RewardRequests } from "../../../features/rewards/components/reward-requests";
import { useViewer } from "./viewer";

/**
 * `/rewards` (decision 0026): what the viewer can spend points on and their requests; for
 * admins and managers as themselves also the circle's queue, a form for a new reward, and Edit
 * (name, cost, stock, who may ask) and Archive on each reward.
 */
export function RewardsRoute() {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  const rewards = useRewards();
  const members = useMembers();
  const requests = useRewardRequests();
  const nameOf = useMemberNames();
  const manages = !viewer.impersonating && isAdminOrManager(viewer.self.role);

  if (rewards.isPending || members.isPending || requests.isPending) return <Loading label={t("rewards.loading")} />;
  const failed = [rewards, members, requests].find((query) => query.isError);
  if (failed?.error) return <ErrorAlert title={t("rewards.loadFailed")} error={failed.error} onRetry={() => void failed.refetch()} />;

  const points = members.data?.find((member) => member.userId === viewer.acting.id)?.points ?? 0;
  const all = requests.data ?? [];
  const own = all.filter((request) => request.userId === viewer.acting.id);
  const queue = all.filter((request) => request.status === "pending" || request.status === "approved");
  const active = (members.data ?? []).filter((member) => member.status === "active");
  return (
    <Page title={t("rewards.title")}>
      <p className="points-balance">
        <Trans t={t} i18nKey="rewards.balance" count={points} components={{ strong: <strong /> }} />
        {" · "}
        <Link to={`/points/${viewer.acting.id}`}>
          {viewer.impersonating ? t("rewards.historyOf", { name: viewer.acting.displayName }) : t("rewards.yourHistory")}
        </Link>
      </p>
      <div className="two-columns two-columns--top">
        <div>
          <section className="card" aria-labelledby="rewards-heading">
            <h2 id="rewards-heading">{t("rewards.onOffer")}</h2>
            <RewardList
              rewards={rewards.data ?? []}
              points={points}
              canAsk={!viewer.impersonating || viewer.acting.impersonationMode === "act"}
              manage={manages ? { members: active } : undefined}
            />
          </section>
          {manages && (
            <section className="card" aria-labelledby="reward-queue-heading">
              <h2 id="reward-queue-heading">{t("rewards.requestsToDecide")}</h2>
              <RewardRequests
                requests={queue.filter((request) => request.userId !== viewer.self.id)}
                nameOf={nameOf}
                timeZone={viewer.self.timezone}
                canDecide
                label={t("rewards.requestsToDecide")}
              />
            </section>
          )}
        </div>
        <div>
          <section className="card" aria-labelledby="my-requests-heading">
            <h2 id="my-requests-heading">
              {viewer.impersonating ? t("rewards.requestsOf", { name: viewer.acting.displayName }) : t("rewards.myRequests")}
            </h2>
            <RewardRequests
              requests={own}
              nameOf={nameOf}
              timeZone={viewer.self.timezone}
              canDecide={false}
              label={t("rewards.myRequests")}
            />
          </section>
          {manages && <RewardForm members={active} />}
        </div>
      </div>
    </Page>
  );
}
