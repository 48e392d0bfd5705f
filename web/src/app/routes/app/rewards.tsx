import { isAdminOrManager } from "@chorus/shared";
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
  const viewer = useViewer();
  const rewards = useRewards();
  const members = useMembers();
  const requests = useRewardRequests();
  const nameOf = useMemberNames();
  const manages = !viewer.impersonating && isAdminOrManager(viewer.self.role);

  if (rewards.isPending || members.isPending || requests.isPending) return <Loading label="Loading rewards…" />;
  const failed = [rewards, members, requests].find((query) => query.isError);
  if (failed?.error) return <ErrorAlert title="Could not load rewards." error={failed.error} onRetry={() => void failed.refetch()} />;

  const points = members.data?.find((member) => member.userId === viewer.acting.id)?.points ?? 0;
  const all = requests.data ?? [];
  const own = all.filter((request) => request.userId === viewer.acting.id);
  const queue = all.filter((request) => request.status === "pending" || request.status === "approved");
  const active = (members.data ?? []).filter((member) => member.status === "active");
  return (
    <Page title="Rewards">
      <p className="points-balance">
        <strong>{points}</strong> {points === 1 ? "point" : "points"} to spend ·{" "}
        <Link to={`/points/${viewer.acting.id}`}>{viewer.impersonating ? `${viewer.acting.displayName}’s history` : "Your history"}</Link>
      </p>
      <div className="two-columns two-columns--top">
        <div>
          <section className="card" aria-labelledby="rewards-heading">
            <h2 id="rewards-heading">On offer</h2>
            <RewardList
              rewards={rewards.data ?? []}
              points={points}
              canAsk={!viewer.impersonating || viewer.acting.impersonationMode === "act"}
              manage={manages ? { members: active } : undefined}
            />
          </section>
          {manages && (
            <section className="card" aria-labelledby="reward-queue-heading">
              <h2 id="reward-queue-heading">Requests to decide</h2>
              <RewardRequests
                requests={queue.filter((request) => request.userId !== viewer.self.id)}
                nameOf={nameOf}
                timeZone={viewer.self.timezone}
                canDecide
                label="Requests to decide"
              />
            </section>
          )}
        </div>
        <div>
          <section className="card" aria-labelledby="my-requests-heading">
            <h2 id="my-requests-heading">{viewer.impersonating ? `${viewer.acting.displayName}’s requests` : "My requests"}</h2>
            <RewardRequests requests={own} nameOf={nameOf} timeZone={viewer.self.timezone} canDecide={false} label="My requests" />
          </section>
          {manages && <RewardForm members={active} />}
        </div>
      </div>
    </Page>
  );
}
