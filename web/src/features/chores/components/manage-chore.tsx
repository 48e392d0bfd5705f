import type { Chore } from "@chorus/shared";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "../../../components/confirm-action";
import { useNotify, useNotifyOutcome } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useDeleteChore } from "../api/delete-chore";
import { useUpdateChore } from "../api/update-chore";

export interface ManageChoreProps {
  chore: Chore;
  /** Creator, admins and managers may archive (the edit rule); creator and admins may delete. */
  canArchive: boolean;
  canDelete: boolean;
  onDeleted: () => void;
}

/**
 * Archive (hide from the task lists, keep the history) or unarchive, and delete for good;
 * each asks once more first.
 */
export function ManageChore({ chore, canArchive, canDelete, onDeleted }: ManageChoreProps) {
  const update = useUpdateChore(chore.id);
  const remove = useDeleteChore(chore.id);
  const notify = useNotify();
  const outcome = useNotifyOutcome();
  const { t } = useTranslation("chores");
  const name = chore.name;
  if (!canArchive && !canDelete) return null;
  return (
    <div className="chore-manage" role="group" aria-label={t("manage.group")}>
      {canArchive &&
        (chore.archived ? (
          <button
            type="button"
            className="button"
            disabled={update.isPending}
            onClick={() => update.mutate({ archived: false }, outcome("success", t("manage.unarchived", { name })))}
          >
            {t("manage.unarchive")}
          </button>
        ) : (
          <ConfirmAction
            label={t("manage.archive")}
            confirmLabel={t("manage.archiveConfirm", { name })}
            pending={update.isPending}
            onConfirm={() => update.mutate({ archived: true }, outcome("success", t("manage.archived", { name })))}
          />
        ))}
      {canDelete && (
        <ConfirmAction
          label={t("manage.delete")}
          confirmLabel={t("manage.deleteConfirm", { name })}
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                notify("info", t("manage.deleted", { name }));
                onDeleted();
              },
              onError: (error) => notify("error", errorMessage(error)),
            })
          }
        />
      )}
    </div>
  );
}
