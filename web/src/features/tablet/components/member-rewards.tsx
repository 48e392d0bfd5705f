import type { ChorusClient, Reward, TabletMember } from "@chorus/shared";
import { useEffect } from "react";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { errorMessage } from "../../../lib/errors";
import { STATUS_LABELS } from "../../rewards/utils/status";
import { useMemberRewardRequests, useMemberRewards, useRequestMemberReward } from "../api/member-rewards";

interface MemberRewardsProps {
  tabletMember: ChorusClient;
  member: TabletMember;
  /** The server refused the PIN, the member or the token: the screen goes back a step. */
  onRefused: (error: unknown) => void;
}

const points = (count: number) => `${count} ${count === 1 ? "point" : "points"}`;

/**
 * The picked member's points, the rewards offered to them with a big "Ask for it" on those
 * they can afford, and their latest requests with their status (issue 17 item 7).
 */
export function MemberRewards({ tabletMember, member, onRefused }: MemberRewardsProps) {
  const offer = useMemberRewards(tabletMember, member.userId);
  const requests = useMemberRewardRequests(tabletMember, member.userId);
  const error = offer.error ?? requests.error;
  useEffect(() => {
    if (error) onRefused(error);
  }, [error, onRefused]);

  return (
    <section className="tablet-rewards" aria-labelledby="tablet-rewards-heading">
      <h2 id="tablet-rewards-heading">{member.displayName}’s rewards</h2>
      {offer.isPending ? (
        <Loading label="Loading rewards…" />
      ) : offer.isError ? (
        <ErrorAlert error={offer.error} onRetry={() => void offer.refetch()} />
      ) : (
        <>
          <p className="tablet-rewards__balance">
            <strong>{points(offer.data.points)}</strong> to spend
          </p>
          {offer.data.rewards.length === 0 ? (
            <p className="empty">No rewards on offer yet.</p>
          ) : (
            <ul className="tablet-chore-list" aria-label="Rewards on offer">
              {offer.data.rewards.map((reward) => (
                <TabletReward
                  key={reward.id}
                  reward={reward}
                  balance={offer.data.points}
                  tabletMember={tabletMember}
                  memberId={member.userId}
                  onRefused={onRefused}
                />
              ))}
            </ul>
          )}
        </>
      )}
      <h3>{member.displayName}’s requests</h3>
      {requests.isPending ? (
        <Loading label="Loading requests…" />
      ) : requests.isError ? (
        <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <p className="empty">No requests yet.</p>
      ) : (
        <ul className="tablet-reward-requests" aria-label={`${member.displayName}’s requests`}>
          {requests.data.map((request) => (
            <li key={request.id}>
              <strong>{request.reward.name}</strong> · {points(request.cost)} ·{" "}
              <span className={`reward-request__status reward-request__status--${request.status}`}>{STATUS_LABELS[request.status]}</span>
              {request.decisionNote && <span className="muted"> · “{request.decisionNote}”</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TabletReward({
  reward,
  balance,
  tabletMember,
  memberId,
  onRefused,
}: {
  reward: Reward;
  balance: number;
  tabletMember: ChorusClient;
  memberId: number;
  onRefused: (error: unknown) => void;
}) {
  const request = useRequestMemberReward(tabletMember, memberId);
  const notify = useNotify();
  const short = reward.cost - balance;
  const soldOut = reward.stock === 0;
  const ask = () =>
    request.mutate(reward.id, {
      onSuccess: () => notify("success", `Asked for “${reward.name}”. A grown-up will decide; ${points(reward.cost)} are kept for it.`),
      onError: (error) => {
        notify("error", errorMessage(error));
        onRefused(error);
      },
    });
  return (
    <li className="tablet-chore tablet-reward" aria-label={reward.name}>
      <span className="tablet-chore__name">
        <strong>{reward.name}</strong>
        <span className="muted">
          {points(reward.cost)}
          {reward.stock !== null && <> · {soldOut ? "none left" : `${reward.stock} left`}</>}
        </span>
      </span>
      {soldOut ? null : short > 0 ? (
        <span className="muted">{short} more to go</span>
      ) : (
        <button
          type="button"
          className="button button--primary tablet-chore__button"
          aria-label={`Ask for ${reward.name}`}
          disabled={request.isPending}
          onClick={ask}
        >
          Ask for it
        </button>
      )}
    </li>
  );
}
