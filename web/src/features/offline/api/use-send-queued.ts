import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent } from "react";
import { useNotify } from "../../../components/notices";
import { useApi } from "../../../lib/api-client";
import { errorMessage, hasErrorCode } from "../../../lib/errors";
import { useRefreshChores } from "../../chores/api/chore-cache";
import { sendQueued, type SendOutcome } from "./outbox";
import { queueSent } from "./queued-actions";
import { useOnline } from "./use-online";

const PAST = { do: "done", skip: "skipped" } as const;
const VERB = { do: "Done", skip: "Skip" } as const;

function refusalMessage({ action, error }: Extract<SendOutcome, { outcome: "refused" }>): string {
  const verb = VERB[action.action];
  if (hasErrorCode(error, "stale_occurrence"))
    return `Your ${verb} from offline was not sent: this occurrence was done or skipped while you were offline. It shows the next one now.`;
  if (hasErrorCode(error, "not_due_yet"))
    return `Your ${verb} from offline was not sent: the chore was already done ahead of time meanwhile.`;
  return `Your ${verb} from offline was not sent: ${errorMessage(error)}`;
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
            notify("success", `“${outcome.action.choreName}” ${PAST[outcome.action.action]}: sent now that you are back online.`);
          } else refusals.push([outcome.action.choreId, refusalMessage(outcome)]);
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
