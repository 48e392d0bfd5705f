import type { Reward } from "@chorus/shared";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useRequestReward } from "../api/rewards";

/** The rewards on offer, cheapest first, each with "Ask for it" when the points are there. */
export function RewardList({ rewards, points, canAsk }: { rewards: readonly Reward[]; points: number; canAsk: boolean }) {
  const request = useRequestReward();
  const notify = useNotify();
  if (rewards.length === 0) return <p className="empty">No rewards yet. Admins and managers add them here.</p>;
  return (
    <ul className="reward-list" aria-label="Rewards">
      {rewards.map((reward) => {
        const soldOut = reward.stock === 0;
        const short = reward.cost - points;
        return (
          <li key={reward.id} className="reward">
            <div>
              <strong>{reward.name}</strong>
              <p className="muted">
                {reward.cost} {reward.cost === 1 ? "point" : "points"}
                {reward.stock !== null && <> · {soldOut ? "none left" : `${reward.stock} left`}</>}
              </p>
            </div>
            {canAsk &&
              (soldOut ? null : short > 0 ? (
                <span className="muted">{short} more to go</span>
              ) : (
                <button
                  type="button"
                  className="button button--primary"
                  disabled={request.isPending}
                  onClick={() =>
                    request.mutate(reward.id, {
                      onSuccess: () => notify("success", `Asked for “${reward.name}”: ${reward.cost} points are held until it is decided.`),
                      onError: (error) => notify("error", errorMessage(error)),
                    })
                  }
                >
                  Ask for it<span className="visually-hidden"> {reward.name}</span>
                </button>
              ))}
          </li>
        );
      })}
    </ul>
  );
}
