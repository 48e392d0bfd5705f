import type { ChorusClient, Reward, TabletMember } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { useEffect } from "react";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { errorMessage } from "../../../lib/errors";
import { useMemberRewardRequests, useMemberRewards, useRequestMemberReward } from "../api/member-rewards";

interface MemberRewardsProps {
  tabletMember: ChorusClient;
  member: TabletMember;
  /** The server refused the PIN, the member or the token: the screen goes back a step. */
  onRefused: (error: unknown) => void;
}

/**
 * The picked member's points, the rewards offered to them with a big "Ask for it" on those
 * they can afford, and their latest requests with their status (issue 17 item 7).
 */
export function MemberRewards({ tabletMember, member, onRefused }: MemberRewardsProps) {
  const { t } = useTranslation(["tablet", "points", "rewards"]);
  const offer = useMemberRewards(tabletMember, member.userId);
  const requests = useMemberRewardRequests(tabletMember, member.userId);
  const error = offer.error ?? requests.error;
  useEffect(() => {
    if (error) onRefused(error);
  }, [error, onRefused]);

  return (
    <section className="tablet-rewards" aria-labelledby="tablet-rewards-heading">
      <h2 id="tablet-rewards-heading">{t("rewards.heading", { name: member.displayName })}</h2>
      {offer.isPending ? (
        <Loading label={t("rewards.loading")} />
      ) : offer.isError ? (
        <ErrorAlert error={offer.error} onRetry={() => void offer.refetch()} />
      ) : (
        <>
          <p className="tablet-rewards__balance">
            <Trans t={t} i18nKey="rewards.toSpend" count={offer.data.points} components={{ strong: <strong /> }} />
          </p>
          {offer.data.rewards.length === 0 ? (
            <p className="empty">{t("rewards.none")}</p>
          ) : (
            <ul className="tablet-chore-list" aria-label={t("rewards.list")}>
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
      <h3>{t("rewards.requests", { name: member.displayName })}</h3>
      {requests.isPending ? (
        <Loading label={t("rewards.loadingRequests")} />
      ) : requests.isError ? (
        <ErrorAlert error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <p className="empty">{t("rewards.noRequests")}</p>
      ) : (
        <ul className="tablet-reward-requests" aria-label={t("rewards.requests", { name: member.displayName })}>
          {requests.data.map((request) => (
            <li key={request.id}>
              <strong>{request.reward.name}</strong> · {t("points:count", { count: request.cost })} ·{" "}
              <span className={`reward-request__status reward-request__status--${request.status}`}>
                {t(`rewards:status.${request.status}`)}
              </span>
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
  const { t } = useTranslation(["tablet", "points", "rewards"]);
  const short = reward.cost - balance;
  const soldOut = reward.stock === 0;
  const ask = () =>
    request.mutate(reward.id, {
      onSuccess: () => notify("success", t("rewards.asked", { reward: reward.name, count: reward.cost })),
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
          {t("points:count", { count: reward.cost })}
          {reward.stock !== null && <> · {soldOut ? t("rewards.noneLeft") : t("rewards.left", { count: reward.stock })}</>}
        </span>
      </span>
      {soldOut ? null : short > 0 ? (
        <span className="muted">{t("rewards.moreToGo", { count: short })}</span>
      ) : (
        <button
          type="button"
          className="button button--primary tablet-chore__button"
          aria-label={t("rewards.askLabel", { reward: reward.name })}
          disabled={request.isPending}
          onClick={ask}
        >
          {t("rewards.ask")}
        </button>
      )}
    </li>
  );
}
