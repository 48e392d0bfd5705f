import { useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect, useEffectEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { useApi } from "../../../lib/api-client";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useRefreshChores } from "../../chores/api/chore-cache";
import { sendQueued, type SendOutcome } from "./outbox";
import { queueSent } from "./queued-actions";
import { useOnline } from "./use-online";

function refusalMessage({ action, error }: Extract<SendOutcome, { outcome: "refused" }>, t: TFunction<"offline">): string {
  if (hasErrorCode(error, "stale_occurrence")) return t(`refused.${action.action}.stale`);
  if (hasErrorCode(error, "not_due_yet")) return t(`refused.${action.action}.notDueYet`);
  return t(`refused.${action.action}.other`, { reason: errorMessage(error) });
}

/**
 * Sends the taps queued offline (as the signed-in person, with their own session: taps are
 * only queued while acting as yourself) whenever the app is online: at start and each time
 * the connection comes back. Each sent tap is told like a tap made online; a refused one
 * stays as a message on its chore's card.
 */
export function useSendQueued(userId: number | undefined): void {
  const api = useApi();
  const online = useOnline();
  const notify = useNotify();
  const refresh = useRefreshChores();
  const queryClient = useQueryClient();
  const { t } = useTranslation("offline");
  const send = useEffectEvent((signedIn: number) => {
    void sendQueued(signedIn, (action) => {
      const dueDate = { dueDate: action.dueDate, ...(action.note ? { note: action.note } : {}) };
      return action.action === "do"
        ? api.self.chores.do(action.choreId, { ...dueDate, completedAt: action.at })
        : api.self.chores.skip(action.choreId, dueDate);
    })
      .then(async (outcomes) => {
        const refusals: [number, string][] = [];
        for (const outcome of outcomes) {
          if (outcome.outcome === "sent") {
            refresh(outcome.chore);
            notify("success", t(`sent.${outcome.action.action}`, { chore: outcome.action.choreName }));
          } else refusals.push([outcome.action.choreId, refusalMessage(outcome, t)]);
        }
        if (outcomes.length > 0) {
          void queryClient.invalidateQueries({ queryKey: ["chores"] });
          void queryClient.invalidateQueries({ queryKey: ["members"] }); // points changed
        }
        await queueSent(refusals);
      })
      .catch(() => undefined); // no storage: nothing was queued
  });
  useEffect(() => {
    if (online && userId !== undefined) send(userId);
  }, [online, userId]);
}
