import type { Chore } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { useApi } from "../../../lib/api-client";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useActingForName } from "../../impersonation/api/get-acting-user";
import { useRefetchChoresOnError, useRefreshChores } from "./chore-cache";

/**
 * Takes back the latest do or skip of a chore, as the member being viewed as (like the
 * action itself). It is started from the success message, which outlives the card that
 * showed the chore, so the outcome is announced here rather than by the caller, naming the
 * member it was undone for.
 */
export function useUndoChore() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = useRefreshChores();
  const refetch = useRefetchChoresOnError();
  const notify = useNotify();
  const actingFor = useActingForName();
  const { t } = useTranslation("chores");
  return useMutation({
    mutationFn: (chore: Chore) => api.acting.chores.undo(chore.id),
    onSuccess: (chore) => {
      refresh(chore);
      void queryClient.invalidateQueries({ queryKey: ["members"] }); // points changed back
      notify(
        "info",
        actingFor === null ? t("undo.back", { name: chore.name }) : t("undo.backFor", { member: actingFor, name: chore.name }),
      );
    },
    onError: (error) => {
      refetch();
      // A view-only session's refusal is told by the impersonation guard.
      if (hasErrorCode(error, "impersonation_read_only")) return;
      notify("error", hasErrorCode(error, "undo_unavailable") ? t("undo.cannot", { reason: errorMessage(error) }) : errorMessage(error));
    },
  });
}
