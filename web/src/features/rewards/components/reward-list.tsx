import type { Member, Reward } from "@chorus/shared";
import { useState } from "react";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useArchiveReward, useRequestReward } from "../api/rewards";
import { RewardForm } from "./reward-form";

interface RewardListProps {
  rewards: readonly Reward[];
  points: number;
  canAsk: boolean;
  /** Admins and managers as themselves: Edit and Archive on each, and who each one is for. */
  manage?: { members: readonly Member[] } | undefined;
}

/** The rewards on offer, cheapest first, each with "Ask for it" when the points are there. */
export function RewardList({ rewards, points, canAsk, manage }: RewardListProps) {
  const [editing, setEditing] = useState<number | null>(null);
  if (rewards.length === 0) return <p className="empty">No rewards yet. Admins and managers add them here.</p>;
  return (
    <ul className="reward-list" aria-label="Rewards">
      {rewards.map((reward) =>
        manage && editing === reward.id ? (
          <li key={reward.id} className="reward reward--editing" aria-label={reward.name}>
            <h3 className="reward__editing-title">Edit “{reward.name}”</h3>
            <RewardForm reward={reward} members={manage.members} onDone={() => setEditing(null)} />
          </li>
        ) : (
          <RewardItem
            key={reward.id}
            reward={reward}
            points={points}
            canAsk={canAsk}
            manage={manage}
            onEdit={() => setEditing(reward.id)}
          />
        ),
      )}
    </ul>
  );
}

function RewardItem({ reward, points, canAsk, manage, onEdit }: Omit<RewardListProps, "rewards"> & { reward: Reward; onEdit: () => void }) {
  const request = useRequestReward();
  const archive = useArchiveReward();
  const notify = useNotify();
  const soldOut = reward.stock === 0;
  const short = reward.cost - points;
  const offeredTo = manage && reward.availableTo.length > 0 ? reward.availableTo.map((id) => nameIn(manage.members, id)).join(", ") : null;
  return (
    <li className="reward" aria-label={reward.name}>
      <div>
        <strong>{reward.name}</strong>
        <p className="muted">
          {reward.cost} {reward.cost === 1 ? "point" : "points"}
          {reward.stock !== null && <> · {soldOut ? "none left" : `${reward.stock} left`}</>}
          {manage && <> · {offeredTo ? `only for ${offeredTo}` : "for everyone"}</>}
        </p>
      </div>
      <div className="reward__actions">
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
        {manage && (
          <>
            <button type="button" className="button" onClick={onEdit}>
              Edit<span className="visually-hidden"> {reward.name}</span>
            </button>
            <ConfirmAction
              label={
                <>
                  Archive…<span className="visually-hidden"> {reward.name}</span>
                </>
              }
              confirmLabel={archive.isPending ? "Archiving…" : `Archive ${reward.name}`}
              pending={archive.isPending}
              onConfirm={() =>
                archive.mutate(reward.id, {
                  onSuccess: () => notify("info", `“${reward.name}” is no longer on offer. Its requests stay.`),
                  onError: (error) => notify("error", errorMessage(error)),
                })
              }
            />
          </>
        )}
      </div>
    </li>
  );
}

const nameIn = (members: readonly Member[], userId: number) =>
  members.find((member) => member.userId === userId)?.displayName ?? `User #${userId}`;
