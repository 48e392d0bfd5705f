import type { Member, Reward } from "@chorus/shared";
import { Trans, useTranslation } from "react-i18next";
import { useState } from "react";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { locale } from "../../../lib/i18n";
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
  const { t } = useTranslation("rewards");
  const [editing, setEditing] = useState<number | null>(null);
  if (rewards.length === 0) return <p className="empty">{t("list.empty")}</p>;
  return (
    <ul className="reward-list" aria-label={t("list.label")}>
      {rewards.map((reward) =>
        manage && editing === reward.id ? (
          <li key={reward.id} className="reward reward--editing" aria-label={reward.name}>
            <h3 className="reward__editing-title">{t("list.editing", { name: reward.name })}</h3>
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
  const { t } = useTranslation(["rewards", "points"]);
  const soldOut = reward.stock === 0;
  const short = reward.cost - points;
  const offeredTo =
    manage && reward.availableTo.length > 0
      ? formatList(reward.availableTo.map((id) => nameIn(manage.members, id) ?? t("list.userNumber", { id })))
      : null;
  return (
    <li className="reward" aria-label={reward.name}>
      <div>
        <strong>{reward.name}</strong>
        <p className="muted">
          {t("points:count", { count: reward.cost })}
          {reward.stock !== null && <> · {soldOut ? t("list.noneLeft") : t("list.left", { count: reward.stock })}</>}
          {manage && <> · {offeredTo ? t("list.onlyFor", { names: offeredTo }) : t("list.forEveryone")}</>}
        </p>
      </div>
      <div className="reward__actions">
        {canAsk &&
          (soldOut ? null : short > 0 ? (
            <span className="muted">{t("list.moreToGo", { count: short })}</span>
          ) : (
            <button
              type="button"
              className="button button--primary"
              disabled={request.isPending}
              onClick={() =>
                request.mutate(reward.id, {
                  onSuccess: () => notify("success", t("list.asked", { reward: reward.name, count: reward.cost })),
                  onError: (error) => notify("error", errorMessage(error)),
                })
              }
            >
              <Trans
                t={t}
                i18nKey="list.ask"
                values={{ reward: reward.name }}
                components={{ hidden: <span className="visually-hidden" /> }}
              />
            </button>
          ))}
        {manage && (
          <>
            <button type="button" className="button" onClick={onEdit}>
              <Trans
                t={t}
                i18nKey="list.edit"
                values={{ reward: reward.name }}
                components={{ hidden: <span className="visually-hidden" /> }}
              />
            </button>
            <ConfirmAction
              label={
                <Trans
                  t={t}
                  i18nKey="list.archive"
                  values={{ reward: reward.name }}
                  components={{ hidden: <span className="visually-hidden" /> }}
                />
              }
              confirmLabel={archive.isPending ? t("list.archiving") : t("list.archiveNamed", { reward: reward.name })}
              pending={archive.isPending}
              onConfirm={() =>
                archive.mutate(reward.id, {
                  onSuccess: () => notify("info", t("list.archived", { reward: reward.name })),
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

const nameIn = (members: readonly Member[], userId: number) => members.find((member) => member.userId === userId)?.displayName;

/** "Alex, Sam and Jo" in the language on screen. */
const formatList = (names: string[]) => new Intl.ListFormat(locale(), { type: "conjunction" }).format(names);
