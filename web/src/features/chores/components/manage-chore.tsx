import type { Chore } from "@chorus/shared";
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
  if (!canArchive && !canDelete) return null;
  return (
    <div className="chore-manage" role="group" aria-label="Archive or delete">
      {canArchive &&
        (chore.archived ? (
          <button
            type="button"
            className="button"
            disabled={update.isPending}
            onClick={() => update.mutate({ archived: false }, outcome("success", `“${chore.name}” is back on the task list.`))}
          >
            Unarchive
          </button>
        ) : (
          <ConfirmAction
            label="Archive…"
            confirmLabel={`Archive “${chore.name}”`}
            pending={update.isPending}
            onConfirm={() => update.mutate({ archived: true }, outcome("success", `“${chore.name}” archived. Find it under “Archived”.`))}
          />
        ))}
      {canDelete && (
        <ConfirmAction
          label="Delete…"
          confirmLabel={`Delete “${chore.name}” and its history`}
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                notify("info", `“${chore.name}” deleted.`);
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
